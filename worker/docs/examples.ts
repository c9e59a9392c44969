import { escapeHtml as e } from './html';

/** A realistic ticket from an Indonesian customer: the body of the POST /v1/tickets example. */
export const EXAMPLE_TICKET = {
  subject: 'Faktur tidak bisa diunduh sebagai PDF',
  description:
    'Sejak pagi tombol Unduh PDF di halaman Faktur hanya berputar lalu muncul pesan galat. ' +
    'Tim keuangan tidak bisa mengirim faktur ke pelanggan.',
  steps: 'Buka Penjualan > Faktur, pilih faktur INV-2026-0412, klik Unduh PDF.',
  expected: 'Berkas PDF faktur terunduh.',
  category: 'problem',
  impact: { affected: 'main_function_degraded', workaround: 'limited' },
  contact: { name: 'Siti Rahmawati', email: 'siti.rahmawati@contoh.co.id' },
  environment: {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    language: 'id-ID',
    timeZone: 'Asia/Jakarta',
    viewport: { width: 1440, height: 900 },
  },
  context: { appVersion: '4.12.0', pageUrl: '/penjualan/faktur/INV-2026-0412', deployment: 'production' },
  locale: 'id',
} as const;

/** An agent's first public reply (POST /v1/tickets/{id}/messages). */
export const EXAMPLE_REPLY = {
  body: 'Terima kasih, Bu Siti. Kami sedang memeriksa layanan PDF dan akan mengabari dalam 1 jam.',
};

/** An agent's triage (PATCH /v1/tickets/{id}). */
export const EXAMPLE_PATCH = {
  severity: 2,
  reason: 'Semua pengguna terdampak, tanpa solusi sementara',
  status: 'open',
};

const json = (body: unknown) => JSON.stringify(body, null, 2).replace(/\n/g, '\n  ');

/** curl commands for the main widget and agent calls, keyed by `METHOD /path`; `base` is this server. */
export function curlExamples(base: string): Record<string, string> {
  const widget = '-H "X-Kinobi-Key: $WIDGET_KEY"';
  const agent = '-H "Authorization: Bearer $AGENT_TOKEN"';
  return {
    'GET /v1/widget/config': `curl ${base}/v1/widget/config \\\n  ${widget}`,
    'GET /v1/response-targets': `curl "${base}/v1/response-targets?at=2026-03-02T03:00:00Z" \\\n  ${widget}`,
    'POST /v1/tickets':
      `curl -X POST ${base}/v1/tickets \\\n  ${widget} \\\n  -H "Idempotency-Key: $(uuidgen)" \\\n` +
      `  -H "Content-Type: application/json" \\\n  -d '${json(EXAMPLE_TICKET)}'`,
    'GET /v1/tickets': `curl "${base}/v1/tickets?sla=at_risk&sort=due&limit=25" \\\n  ${agent}`,
    'GET /v1/tickets/{id}': `curl ${base}/v1/tickets/$TICKET_ID \\\n  ${agent}`,
    'PATCH /v1/tickets/{id}':
      `curl -X PATCH ${base}/v1/tickets/$TICKET_ID \\\n  ${agent} \\\n` +
      `  -H "Content-Type: application/json" \\\n  -d '${json(EXAMPLE_PATCH)}'`,
    'POST /v1/tickets/{id}/messages':
      `curl -X POST ${base}/v1/tickets/$TICKET_ID/messages \\\n  ${agent} \\\n  -H "Idempotency-Key: $(uuidgen)" \\\n` +
      `  -H "Content-Type: application/json" \\\n  -d '${json(EXAMPLE_REPLY)}'`,
  };
}

/** The example block of one operation, or '' when it has none. */
export function renderExample(curl: string | undefined): string {
  if (!curl) return '';
  return (
    '<h3>Example</h3><p class="muted">Set <code>WIDGET_KEY</code> / <code>AGENT_TOKEN</code> first ' +
    '(locally: <code>demo-widget-key</code>, <code>demo-agent-token</code>).</p>' +
    `<pre class="example">${e(curl)}</pre>`
  );
}
