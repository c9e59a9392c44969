#!/usr/bin/env node
// CI check: fails when the widget is over its gzip budgets or the loader is not a plain script.
// Budgets: the loader alone; what one user loads for the intake path (loader + panel + their
// locale's strings); each named lazy chunk, loaded only when its view is opened.
import { BUDGET, TARGET, widgetSizes } from './widget-sizes.mjs';

const s = widgetSizes();
const line = (name, v, budget) =>
  console.log(
    `${name.padEnd(36)} ${String(v.gzip).padStart(6)} B gzip  ${String(v.raw).padStart(6)} B raw${budget ? `  (budget ${budget} B gzip)` : ''}`,
  );
const errors = [];
const check = (what, v, budget) => {
  if (v.gzip > budget) errors.push(`${what} is ${v.gzip} B gzip, over ${budget}`);
};
line('widget.js (loader, before a click)', s.loader, BUDGET.loader);
check('the loader', s.loader, BUDGET.loader);
line(s.panel.name, s.panel);
for (const st of Object.values(s.strings)) line(st.name, st);
for (const [locale, v] of Object.entries(s.perLocale)) {
  line(`intake path for a user, locale ${locale}`, v, BUDGET.total);
  check(`the intake path of locale ${locale}`, v, BUDGET.total);
  const over = v.gzip - TARGET.total;
  console.log(
    `${''.padEnd(36)} issue 12 target ${TARGET.total} B gzip: ${over > 0 ? `NOT MET, ${over} B over` : 'met'}`,
  );
}
for (const [name, v] of Object.entries(s.lazy)) {
  line(`${v.name} (lazy: ${name})`, v, BUDGET.lazy);
  check(`lazy chunk ${name}`, v, BUDGET.lazy);
}
line(`all ${s.all.files.length} widget files`, s.all);
if (s.moduleSyntax)
  errors.push(
    'widget.js contains an import/export statement or import(): it would break a plain <script> tag',
  );
for (const e of errors) console.error(`FAIL: ${e}`);
process.exit(errors.length ? 1 : 0);
