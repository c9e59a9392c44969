#!/usr/bin/env node
// CI check: fails when the widget is over its gzip budgets or the loader is not a plain script.
// Budgets: the loader alone, and what one user downloads (loader + panel + their locale's strings).
import { BUDGET, widgetSizes } from './widget-sizes.mjs';

const s = widgetSizes();
const line = (name, v, budget) =>
  console.log(
    `${name.padEnd(34)} ${String(v.gzip).padStart(6)} B gzip  ${String(v.raw).padStart(6)} B raw${budget ? `  (budget ${budget} B gzip)` : ''}`,
  );
line('widget.js (loader, before a click)', s.loader, BUDGET.loader);
line(s.panel.name, s.panel);
for (const st of Object.values(s.strings)) line(st.name, st);
const errors = [];
for (const [locale, v] of Object.entries(s.perLocale)) {
  line(`loads for a user, locale ${locale}`, v, BUDGET.total);
  if (v.gzip > BUDGET.total) errors.push(`locale ${locale} loads ${v.gzip} B gzip, over ${BUDGET.total}`);
}
line(`all ${s.all.files.length} widget files`, s.all);
if (s.loader.gzip > BUDGET.loader) errors.push(`loader is ${s.loader.gzip} B gzip, over ${BUDGET.loader}`);
if (s.moduleSyntax)
  errors.push('widget.js contains an import/export statement: it would break a plain <script> tag');
for (const e of errors) console.error(`FAIL: ${e}`);
process.exit(errors.length ? 1 : 0);
