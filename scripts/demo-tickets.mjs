// Sample requests for the local demo (`npm run dev`): a queue an agent can try the console on, across
// both organisations and all four severities, one already past its first-response target and one
// answered and waiting on the customer. Filed through the API like any request an agent logs from a
// phone call or a chat (POST /v1/tickets with an agent's token, `receivedAt` in the past), so their
// due times, clocks, events and search rows are the product's own. Only into an empty queue: a
// restarted demo keeps what the user did with it.
import { DEMO } from './seed-sql.mjs';

const HOUR = 3_600_000;

/** The requests, `hoursAgo` before the demo starts (at most 7 days: MAX_RECEIVED_AGE_MS). */
export const DEMO_TICKETS = [
  {
    organisation: 'premium',
    channel: 'phone',
    hoursAgo: 0.5,
    contact: { name: 'Dewi Kartika', email: 'it@premium.example' },
    subject: 'Dasbor tidak bisa dibuka: error 500 untuk semua pengguna',
    description: 'Sejak pukul 08.00 semua pengguna di kantor pusat mendapat error 500 saat membuka dasbor.',
    category: 'problem',
    impact: { affected: 'service_unavailable', workaround: 'none' },
  },
  {
    organisation: 'demo',
    channel: 'chat',
    hoursAgo: 50,
    contact: { name: 'Budi Santoso', email: 'it@demo.example' },
    subject: 'Ekspor laporan bulanan sangat lambat',
    description:
      'Ekspor CSV bulanan butuh lebih dari 10 menit dan kadang gagal. Ekspor per minggu masih bisa.',
    category: 'problem',
    impact: { affected: 'main_function_degraded', workaround: 'limited' },
  },
  {
    organisation: 'demo',
    channel: 'other',
    hoursAgo: 6,
    contact: { name: 'Budi Santoso', email: 'it@demo.example' },
    subject: 'Grafik penjualan kadang kosong',
    description: 'Grafik di halaman ringkasan kadang tidak muncul; setelah dimuat ulang biasanya muncul.',
    category: 'problem',
    impact: { affected: 'non_critical_or_intermittent', workaround: 'reasonable' },
    reply: 'Terima kasih, Pak Budi. Apakah ini terjadi di browser tertentu? Mohon kirim tangkapan layarnya.',
  },
  {
    organisation: 'premium',
    channel: 'chat',
    hoursAgo: 2,
    contact: { name: 'Dewi Kartika', email: 'it@premium.example' },
    subject: 'Cara menambahkan pengguna baru ke tim',
    description: 'Kami ingin menambahkan tiga anggota tim baru. Di mana pengaturannya?',
    category: 'question',
  },
  {
    organisation: 'demo',
    channel: 'phone',
    hoursAgo: 26,
    contact: { name: 'Budi Santoso', email: 'it@demo.example' },
    subject: 'Permintaan fitur: ekspor ke Excel',
    description: 'Tim keuangan ingin mengekspor laporan langsung ke format .xlsx.',
    category: 'feature_request',
  },
];

/**
 * Files DEMO_TICKETS on the server at `base` when its queue is empty; returns how many were filed
 * (0 when the queue already held tickets). Each has a fixed Idempotency-Key, so a retry files nothing twice.
 */
export async function fileDemoTickets(base, now = Date.now()) {
  const token = DEMO.agents.find((a) => a.role === 'lead')?.token ?? DEMO.agents[0].token;
  const auth = { Authorization: `Bearer ${token}` };
  const queue = await fetch(`${base}/v1/tickets?limit=1&status=new,open,pending,resolved,closed`, {
    headers: auth,
  });
  if (!queue.ok) throw new Error(`GET /v1/tickets answered ${queue.status}`);
  if (((await queue.json()).tickets ?? []).length) return 0;
  let filed = 0;
  for (const [i, { hoursAgo, reply, ...ticket }] of DEMO_TICKETS.entries()) {
    const res = await fetch(`${base}/v1/tickets`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': `demo-ticket-${i}` },
      body: JSON.stringify({ ...ticket, receivedAt: new Date(now - hoursAgo * HOUR).toISOString() }),
    });
    if (!res.ok) throw new Error(`POST /v1/tickets answered ${res.status}: ${await res.text()}`);
    const { id } = await res.json();
    filed++;
    if (!reply) continue;
    const answered = await fetch(`${base}/v1/tickets/${id}/messages`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': `demo-reply-${i}` },
      body: JSON.stringify({ body: reply, public: true }),
    });
    if (!answered.ok) throw new Error(`the demo reply answered ${answered.status}`);
  }
  return filed;
}
