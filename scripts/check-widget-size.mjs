#!/usr/bin/env node
// CI check: fails when the widget is over its gzip budgets or the loader is not a plain script.
import { BUDGET, widgetSizes } from './widget-sizes.mjs';

const s = widgetSizes();
const line = (name, v, budget) =>
  console.log(
    `${name.padEnd(24)} ${String(v.gzip).padStart(6)} B gzip  ${String(v.raw).padStart(6)} B raw${budget ? `  (budget ${budget} B gzip)` : ''}`,
  );
line('widget.js (loader)', s.loader, BUDGET.loader);
line(s.panelName, s.panel);
line('total', s.total, BUDGET.total);
const errors = [];
if (s.loader.gzip > BUDGET.loader) errors.push(`loader is ${s.loader.gzip} B gzip, over ${BUDGET.loader}`);
if (s.total.gzip > BUDGET.total) errors.push(`total is ${s.total.gzip} B gzip, over ${BUDGET.total}`);
if (s.moduleSyntax)
  errors.push('widget.js contains an import/export statement: it would break a plain <script> tag');
for (const e of errors) console.error(`FAIL: ${e}`);
process.exit(errors.length ? 1 : 0);
