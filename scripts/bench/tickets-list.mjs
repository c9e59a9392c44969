#!/usr/bin/env node
// GET /v1/tickets with 100,000 tickets in one tenant, on `wrangler dev` over loopback: p50/p95/p99
// as the client sees them and as the worker reports them (Server-Timing app;dur). Aim: p95 < 20 ms
// at the worker. Rows are seeded with a generated SQL file of multi-row INSERTs (no bulk route in
// the app). Due times in the seed are simple offsets, not business-calendar times: the list reads
// the stored columns only, so this does not change what is measured.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { executeLocalSql, migrateLocal, startDev, stopDev, waitForHttp } from '../local-wrangler.mjs';

const PORT = 8796;
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = '.wrangler/bench-list';
const TICKETS = 100_000;
const REQUESTS = 500;
const MAX_MS = 120_000; // hard time cap for the measured loop
const TOKEN = 'bench-agent-token';
const TENANT = 'ten_benchlist';

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const coverage = JSON.stringify({
  calendar: {
    timeZone: 'Asia/Jakarta',
    windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
    holidays: 'id',
  },
  targets: {
    1: { businessMinutes: 120 },
    2: { businessMinutes: 240 },
    3: { businessMinutes: 540 },
    4: { businessMinutes: 1080 },
  },
});

function seedSql(now) {
  const lines = [
    `insert into tenants (id, slug, name, coverage) values (${q(TENANT)}, 'benchlist', 'Bench', ${q(coverage)});`,
    `insert into agent_tokens (id, tenant_id, agent_name, token_hash) values ('ag_bench', ${q(TENANT)}, 'Bench', ${q(createHash('sha256').update(TOKEN).digest('hex'))});`,
    // A second tenant's tickets share the tables, as in production.
    `insert into tenants (id, slug, name, coverage) values ('ten_other', 'other', 'Other', ${q(coverage)});`,
  ];
  const statuses = ['new', 'open', 'open', 'pending', 'resolved', 'closed', 'closed', 'closed'];
  let rng = 42;
  const rand = () => {
    rng = (rng * 1103515245 + 12345) % 2 ** 31;
    return rng / 2 ** 31;
  };
  const BATCH = 200; // D1 caps a statement at 100 KB
  for (let start = 0; start < TICKETS + 5000; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(start + BATCH, TICKETS + 5000); i++) {
      const tenant = i < TICKETS ? TENANT : 'ten_other';
      const sev = 1 + Math.floor(rand() * 4);
      const created = now - Math.floor(rand() * 365 * 86_400_000);
      const span = [2, 4, 24, 48][sev - 1] * 3_600_000;
      const due = created + span;
      const atRisk = created + Math.floor(span * 0.75);
      const answered = rand() < 0.85 ? created + Math.floor(rand() * span * 1.3) : null;
      const status = answered === null ? 'new' : statuses[Math.floor(rand() * statuses.length)];
      rows.push(
        `(${q(`tkt_${i}`)}, ${q(tenant)}, ${i + 1}, 'widget', ${q(`Ticket ${i}`)}, 'x', 'problem', ${sev}, 'bench', ${q(status)}, '[]', 1, 'Budi', 'budi@example.com', ${q(`h${i}`)}, ${q(`r${i}`)}, ${created}, ${due}, ${atRisk}, ${answered ?? 'null'}, ${created}, ${created})`,
      );
    }
    lines.push(
      `insert into tickets (id, tenant_id, number, channel, subject, description, category, severity, severity_rule, status, flags, in_scope, contact_name, contact_email, access_token_hash, reply_token, created_at, first_response_due_at, at_risk_at, first_response_at, updated_at, clock_starts_at) values ${rows.join(',')};`,
    );
  }
  return lines.join('\n');
}

const QUERIES = [
  '',
  '?sort=created',
  '?status=open,pending',
  '?severity=1',
  '?sla=breached',
  '?sla=at_risk',
  '?sla=on_track',
  '?sla=met&sort=created',
  '?status=new&severity=2,3&limit=100',
  '?limit=100',
];

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, p99 ${pct(s, 99).toFixed(1)} ms (n=${s.length})`;
};

async function main() {
  rmSync(PERSIST, { recursive: true, force: true });
  await migrateLocal(PERSIST);
  const t0 = performance.now();
  await executeLocalSql(PERSIST, seedSql(Date.now()), 'bench-list-seed');
  console.log(
    `seeded ${TICKETS} tickets (+5,000 in another tenant) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const dev = startDev({ port: PORT, persistTo: PERSIST });
  try {
    await waitForHttp(`${BASE}/v1/health`);
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const client = [];
    const worker = [];
    const perQuery = new Map();
    const deadline = performance.now() + MAX_MS;
    let cursor = null;
    for (let i = 0; i < REQUESTS + 20 && performance.now() < deadline; i++) {
      const base = QUERIES[Math.floor(i / 3) % QUERIES.length];
      // Every query's first page, then two pages following its cursor.
      const query = i % 3 === 0 || !cursor ? base : `${base}${base ? '&' : '?'}cursor=${cursor}`;
      const start = performance.now();
      const res = await fetch(`${BASE}/v1/tickets${query}`, { headers });
      const body = await res.json();
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`);
      cursor = body.nextCursor;
      if (i < 20) continue; // warm-up
      client.push(ms);
      const dur = Number(/app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]);
      if (Number.isFinite(dur)) {
        worker.push(dur);
        const k = base || '(default)';
        perQuery.set(k, [...(perQuery.get(k) ?? []), dur]);
      }
    }
    console.log(
      `GET /v1/tickets, ${TICKETS.toLocaleString('en')} tickets in the tenant, sequential requests`,
    );
    console.log(`  client: ${fmt(client)}`);
    console.log(`  worker (Server-Timing): ${fmt(worker)}   aim: p95 < 20 ms`);
    for (const [k, v] of perQuery) console.log(`    ${k.padEnd(36)} ${fmt(v)}`);
  } finally {
    stopDev(dev);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
