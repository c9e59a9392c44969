#!/usr/bin/env node
// CI check: fails when the widget is over its gzip budgets or the loader is not a plain script.
// Budgets: the loader alone; the common intake path (loader + panel + the user's locale's strings);
// each named lazy chunk, loaded only on its own path. Each path's total is printed per locale.
import { BUDGET, PATHS, widgetSizes } from './widget-sizes.mjs';

const s = widgetSizes();
const line = (name, v, budget) =>
  console.log(
    `${name.padEnd(52)} ${String(v.gzip).padStart(6)} B gzip  ${String(v.raw).padStart(6)} B raw${budget ? `  (budget ${budget} B gzip)` : ''}`,
  );
const errors = [];
const check = (what, v, budget) => {
  if (v.gzip > budget) errors.push(`${what} is ${v.gzip} B gzip, over ${budget}`);
};
console.log('files:');
line('widget.js (loader, before a click)', s.loader, BUDGET.loader);
check('the loader', s.loader, BUDGET.loader);
line(`${s.panel.name} (panel + Preact, on intent)`, s.panel);
for (const [locale, st] of Object.entries(s.strings)) line(`${st.name} (strings, ${locale})`, st);
for (const [name, v] of Object.entries(s.lazy)) {
  line(`${v.name} (lazy: ${name})`, v, BUDGET.lazy);
  check(`lazy chunk ${name}`, v, BUDGET.lazy);
}
line(`all ${s.all.files.length} widget files`, s.all);
console.log('paths (what one user loads; the common intake path is loader + panel + one language):');
for (const [path, chunks] of Object.entries(PATHS)) {
  for (const [locale, v] of Object.entries(s.perPath[path])) {
    const common = chunks.length === 0;
    line(
      `${path}, ${locale}${common ? '' : ` (+ ${chunks.join(', ')})`}`,
      v,
      common ? BUDGET.total : undefined,
    );
    if (common) check(`the common intake path of locale ${locale}`, v, BUDGET.total);
  }
}
if (s.moduleSyntax)
  errors.push(
    'widget.js contains an import/export statement or import(): it would break a plain <script> tag',
  );
for (const e of errors) console.error(`FAIL: ${e}`);
process.exit(errors.length ? 1 : 0);
