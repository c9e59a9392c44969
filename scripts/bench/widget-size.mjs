// Widget size against its peers. Our figures are measured on dist/public; the peers' are quoted
// from issue 4, not measured here.
import { BUDGET, widgetSizes } from '../widget-sizes.mjs';

const s = widgetSizes();
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const row = (label, bytes, budget) =>
  console.log(
    `${label.padEnd(44)} ${String(bytes).padStart(6)} B gzip (${kb(bytes)})${budget ? `, budget ${budget} B` : ''}`,
  );
row('loader (script tag, before any click):', s.loader.gzip, BUDGET.loader);
row('panel + Preact (on intent):', s.panel.gzip);
for (const [name, v] of Object.entries(s.lazy)) row(`lazy chunk ${name}:`, v.gzip, BUDGET.lazy);
for (const [locale, st] of Object.entries(s.strings)) row(`strings, ${locale} (with the panel):`, st.gzip);
for (const [locale, v] of Object.entries(s.perLocale))
  row(`intake path one user loads, locale ${locale}:`, v.gzip, BUDGET.total);
row(`all ${s.all.files.length} widget files together:`, s.all.gzip);
const worst = Math.max(...Object.values(s.perLocale).map((v) => v.gzip));
console.log(
  'peers (quoted from issue 4, not measured): Sentry feedback ~16 KB, Crisp ~130 KB, Chatwoot ~170 KB gzip',
);
console.log(`ratio, largest per-user load vs Sentry feedback (quoted): ${(worst / 16384).toFixed(2)}x`);
