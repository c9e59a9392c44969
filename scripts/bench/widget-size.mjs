// Widget size against its peers. Our figures are measured on dist/public; the peers' are quoted
// from issue 4, not measured here.
import { BUDGET, widgetSizes } from '../widget-sizes.mjs';

const s = widgetSizes();
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(
  `loader (script tag, before any click): ${s.loader.gzip} B gzip (${kb(s.loader.gzip)}), budget ${BUDGET.loader} B`,
);
console.log(`panel + Preact (on intent):           ${s.panel.gzip} B gzip (${kb(s.panel.gzip)})`);
console.log(
  `everything:                            ${s.total.gzip} B gzip (${kb(s.total.gzip)}), budget ${BUDGET.total} B`,
);
console.log(
  'peers (quoted from issue 4, not measured): Sentry feedback ~16 KB, Crisp ~130 KB, Chatwoot ~170 KB gzip',
);
console.log(`ratio, everything vs Sentry feedback (quoted): ${(s.total.gzip / 16384).toFixed(2)}x`);
