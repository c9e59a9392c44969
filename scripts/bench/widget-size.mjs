// Widget size against its peers. Our figures are measured on dist/public; the peers' are quoted
// from issue 4, not measured here.
import { BUDGET, PATHS, widgetSizes } from '../widget-sizes.mjs';

const s = widgetSizes();
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const row = (label, bytes, budget) =>
  console.log(
    `${label.padEnd(60)} ${String(bytes).padStart(6)} B gzip (${kb(bytes)})${budget ? `, budget ${budget} B` : ''}`,
  );
row('loader (script tag, before any click):', s.loader.gzip, BUDGET.loader);
row('panel + Preact (on intent):', s.panel.gzip);
for (const [locale, st] of Object.entries(s.strings)) row(`strings, ${locale} (with the panel):`, st.gzip);
for (const [name, v] of Object.entries(s.lazy))
  row(`lazy chunk ${name} (only on its path):`, v.gzip, BUDGET.lazy);
for (const [path, chunks] of Object.entries(PATHS))
  for (const [locale, v] of Object.entries(s.perPath[path]))
    row(`${path}, ${locale}:`, v.gzip, chunks.length ? undefined : BUDGET.total);
row(`all ${s.all.files.length} widget files together:`, s.all.gzip);
const worst = Math.max(...Object.values(s.perLocale).map((v) => v.gzip));
console.log(
  'peers (quoted from issue 4, not measured): Sentry feedback ~16 KB, Crisp ~130 KB, Chatwoot ~170 KB gzip',
);
console.log(
  `ratio, largest common intake path vs Sentry feedback (quoted, 16,384 B): ${(worst / 16384).toFixed(2)}x`,
);
