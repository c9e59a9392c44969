#!/usr/bin/env node
// Capacity figures of one D1 database (issue 15), measured on `wrangler dev` over loopback:
//  1. bytes per ticket: TICKETS tickets filled through the real routes (intake, agent reply, customer
//     reply, agent reply, resolved; the confirmation mail through the queue), the database's size as D1
//     reports it (meta.size_after) before and after, and per table the value bytes;
//  2. D1 statements (and round trips) per intake, agent list and reply, counted by the worker's
//     development-only counter (worker/dev/d1-counter.ts, on with --var D1_QUERY_COUNTER:on), queue
//     consumer and waitUntil work included;
//  3. intake writes/s one local database sustains: CLIENTS concurrent clients, bounded in time and count.
// Rate limits are raised for this run only: the worker runs from a copy of wrangler.toml (JSON, in
// PERSIST) whose [[ratelimits]] allow RAISED_LIMIT a minute; wrangler.toml itself is untouched.
// Then the arithmetic: tickets per 10 GB, and operations per second at D1's ~1,000 queries/s.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { experimental_readRawConfig } from 'wrangler';
import { executeLocalSql, migrateLocal, ROOT, startDev, stopDev, waitForHttp } from '../local-wrangler.mjs';
import { benchSeedSql } from '../seed-sql.mjs';
import { CHROME_UA } from './_intake-body.mjs';

const PORT = Number(process.env.BENCH_CAPACITY_PORT ?? 8804);
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = '.wrangler/bench/capacity';
const TICKETS = Math.min(Number(process.env.BENCH_CAPACITY_TICKETS ?? 300), 5000);
const FILL_CLIENTS = 4;
const COUNT_RUNS = 20; // operations per query count
const CLIENTS = 8;
const LOAD_SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? 8), 60);
const MAX_LOAD_REQUESTS = 4000;
const RAISED_LIMIT = 1_000_000;
const MAX_MS = 300_000; // hard cap for the whole fill
/** Cloudflare's figures for one D1 database: 10 GB, and about 1,000 queries/s at ~1 ms per query. */
const D1_MAX_BYTES = 10e9;
const D1_QUERIES_PER_SECOND = 1000;
const TOKEN = 'bench-agent-token';

/** wrangler.toml as JSON with absolute paths and raised rate limits, for this bench's wrangler dev only. */
function benchConfig() {
  const { rawConfig } = experimental_readRawConfig({ config: join(ROOT, 'wrangler.toml') });
  const abs = (p) => p && resolve(ROOT, p);
  const config = {
    ...rawConfig,
    main: abs(rawConfig.main),
    assets: rawConfig.assets && { ...rawConfig.assets, directory: abs(rawConfig.assets.directory) },
    d1_databases: rawConfig.d1_databases?.map((d) => ({ ...d, migrations_dir: abs(d.migrations_dir) })),
    ratelimits: rawConfig.ratelimits?.map((r) => ({ ...r, simple: { ...r.simple, limit: RAISED_LIMIT } })),
  };
  const dir = join(ROOT, PERSIST, 'config');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'wrangler.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

let seq = 0;
const agent = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

async function call(path, init, expect) {
  const res = await fetch(`${BASE}${path}`, init);
  const body = await res.json().catch(() => null);
  if (expect && res.status !== expect)
    throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** A widget intake as the widget sends it (one key, one IP: the limits are raised). */
function intake() {
  const n = seq++;
  return call(
    '/v1/tickets',
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Kinobi-Key': 'bench-key-0',
        'CF-Connecting-IP': '10.0.0.1',
        'Idempotency-Key': `cap-${process.pid}-${n}`,
      },
      body: JSON.stringify({
        subject: `Laporan penjualan tidak bisa diekspor ${n}`,
        description:
          'Sejak pagi tombol ekspor di halaman laporan penjualan menampilkan error 500. Kami sudah mencoba browser lain dan hasilnya sama.',
        category: 'problem',
        impact: { affected: 'main_function_degraded', workaround: 'limited' },
        steps: '1. Buka Laporan > Penjualan\n2. Pilih bulan November\n3. Klik Ekspor CSV',
        expected: 'File CSV terunduh.',
        contact: { name: 'Budi Santoso', email: `budi${n}@customer.example` },
        environment: {
          userAgent: CHROME_UA,
          cookiesEnabled: true,
          language: 'id-ID',
          timeZone: 'Asia/Jakarta',
        },
        context: { appVersion: '3.2.1', deployment: 'production', feature: 'reports' },
      }),
    },
    201,
  );
}
const agentReply = (id, body) =>
  call(`/v1/tickets/${id}/messages`, { method: 'POST', headers: agent, body: JSON.stringify({ body }) }, 201);
const customerReply = (t, body) =>
  call(
    `/v1/tickets/${t.id}/messages`,
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Kinobi-Key': 'bench-key-0',
        'X-Ticket-Token': t.accessToken,
      },
      body: JSON.stringify({ body }),
    },
    201,
  );
const resolveTicket = (id) =>
  call(
    `/v1/tickets/${id}`,
    { method: 'PATCH', headers: agent, body: JSON.stringify({ status: 'resolved' }) },
    200,
  );
const list = () => call('/v1/tickets', { headers: agent }, 200);

/** One ticket's typical life: intake (its confirmation goes through the mail queue), three replies, resolved. */
async function typicalTicket() {
  const t = await intake();
  await agentReply(t.id, 'Terima kasih, Pak Budi. Kami sedang memeriksa log ekspor laporan Anda.');
  await customerReply(t, 'Baik, saya tunggu. Errornya muncul lagi barusan.');
  await agentReply(
    t.id,
    'Sudah kami perbaiki di versi 3.2.2. Silakan dicoba lagi dan kabari kami bila masih terjadi.',
  );
  await resolveTicket(t.id);
  return t;
}

const counter = (reset = false) => call(`/v1/dev/d1-queries${reset ? '?reset=1' : ''}`, {}, 200);

/** Waits until the counter stops moving for 2.5 s (queue consumers and waitUntil work done), at most 30 s. */
async function quiet() {
  let last = -1;
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    const { statements } = await counter();
    if (statements === last) return;
    last = statements;
    await new Promise((r) => setTimeout(r, 2500));
  }
}

/** D1 statements and round trips per operation: `runs` operations one after another, their async work included. */
async function perOperation(run, runs = COUNT_RUNS) {
  await quiet();
  await counter(true);
  for (let i = 0; i < runs; i++) await run(i);
  await quiet();
  const c = await counter(true);
  const per = (t) => ({ statements: (t?.statements ?? 0) / runs, roundTrips: (t?.roundTrips ?? 0) / runs });
  const entries = Object.fromEntries(Object.entries(c.byEntry).map(([k, v]) => [k, per(v)]));
  return { ...per(c), entries };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const n0 = (x) => Math.round(x).toLocaleString('en');
const n1 = (x) => x.toFixed(1);

rmSync(join(ROOT, PERSIST), { recursive: true, force: true });
await migrateLocal(PERSIST);
await executeLocalSql(PERSIST, await benchSeedSql(1), 'bench-capacity-seed');
const server = startDev({
  port: PORT,
  persistTo: PERSIST,
  args: ['--config', benchConfig(), '--var', 'D1_QUERY_COUNTER:on', '--test-scheduled'],
});
try {
  await waitForHttp(`${BASE}/v1/health`, 60_000);
  // A shared machine: the load at the start puts the timings (not the counts or bytes) in context.
  console.log(
    `wrangler dev on ${BASE}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await intake(); // warm-up: first-request compilation and caches
  await quiet();

  // 1. Bytes per ticket.
  const before = await call('/v1/dev/d1-size', {}, 200);
  const deadline = Date.now() + MAX_MS;
  let filled = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: FILL_CLIENTS }, async () => {
      while (filled < TICKETS && Date.now() < deadline) {
        filled++;
        await typicalTicket();
      }
    }),
  );
  const fillSeconds = (performance.now() - t0) / 1000;
  await quiet();
  const after = await call('/v1/dev/d1-size', {}, 200);
  if (before.sizeBytes === null || after.sizeBytes === null) throw new Error('D1 reports no size_after');
  const bytesPerTicket = (after.sizeBytes - before.sizeBytes) / filled;
  const rowsOf = (stats, table) =>
    stats.tables.find((t) => t.table === table) ?? { rows: 0, payloadBytes: 0 };
  const perTable = after.tables
    .map((t) => {
      const b = rowsOf(before, t.table);
      return {
        table: t.table,
        rows: (t.rows - b.rows) / filled,
        bytes: (t.payloadBytes - b.payloadBytes) / filled,
      };
    })
    .filter((t) => t.rows > 0 || t.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const payload = perTable.reduce((s, t) => s + t.bytes, 0);
  console.log(
    `filled ${filled} tickets through the routes in ${n1(fillSeconds)} s (${FILL_CLIENTS} clients): each an intake, ` +
      `2 agent replies, 1 customer reply, resolved; ${n1(rowsOf(after, 'messages').rows / filled)} messages and ` +
      `${n1((rowsOf(after, 'ticket_events').rows - rowsOf(before, 'ticket_events').rows) / filled)} events per ticket`,
  );
  console.log(
    `database size (D1 size_after): ${n0(before.sizeBytes)} B -> ${n0(after.sizeBytes)} B; ` +
      `bytes per ticket: ${n0(bytesPerTicket)} (values ${n0(payload)}, the rest indexes and page overhead)`,
  );
  console.log(
    `  per table (rows and value bytes per ticket): ${perTable
      .map((t) => `${t.table} ${n1(t.rows)} rows ${n0(t.bytes)} B`)
      .join('; ')}`,
  );

  // 2. D1 statements per operation (on a database that now holds the filled tickets).
  const fresh = [];
  for (let i = 0; i < COUNT_RUNS; i++) fresh.push(await intake());
  await quiet();
  const perIntake = await perOperation(() => intake());
  const perList = await perOperation(() => list());
  const perAgentReply = await perOperation((i) => agentReply(fresh[i].id, `Balasan agen ${i}.`));
  const perCustomerReply = await perOperation((i) => customerReply(fresh[i], `Balasan pelanggan ${i}.`));
  const perResolve = await perOperation((i) => resolveTicket(fresh[i].id));
  const perCron = await perOperation(() => call('/__scheduled?cron=*+*+*+*+*', {}), 3);
  // Where the statements ran: the request (fetch, with its waitUntil work), the queue consumers, the cron.
  const split = (c) => {
    const parts = Object.entries(c.entries);
    if (parts.length < 2) return '';
    return ` (${parts.map(([k, v]) => `${k} ${n1(v.statements)} in ${n1(v.roundTrips)}`).join(', ')})`;
  };
  const show = (name, c) =>
    `${name} ${n1(c.statements)} statements in ${n1(c.roundTrips)} round trips${split(c)}`;
  console.log(
    `D1 per operation (counted, async work included): ${[
      show('intake (with its confirmation mail through the queue)', perIntake),
      show('agent list GET /v1/tickets', perList),
      show('agent reply (widget ticket, mail deferred)', perAgentReply),
      show('customer reply', perCustomerReply),
      show('resolve (PATCH status)', perResolve),
      show('cron run (this database: clock checks of the replied tickets)', perCron),
    ].join('; ')}`,
  );

  // 3. Intake writes/s, bounded; the one-statement health route beside it, for the floor of a D1 round trip here.
  async function load(run) {
    await quiet();
    await counter(true);
    const latencies = [];
    let issued = 0;
    const start = performance.now();
    const end = start + LOAD_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < end && issued < MAX_LOAD_REQUESTS) {
          issued++;
          const s = performance.now();
          await run();
          latencies.push(performance.now() - s);
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const counts = await counter();
    latencies.sort((a, b) => a - b);
    const rate = latencies.length / elapsed;
    const text =
      `${n1(rate)}/s (${latencies.length} in ${n1(elapsed)} s, ${CLIENTS} clients; ` +
      `p50 ${n1(pct(latencies, 50))} ms, p95 ${n1(pct(latencies, 95))} ms), ` +
      `${n0(counts.statements / elapsed)} D1 statements/s counted`;
    return { rate, text };
  }
  const writes = await load(() => intake());
  const floor = await load(() => call('/v1/health', {}, 200));
  console.log(`intake writes one local database sustains: ${writes.text}`);
  console.log(`  beside it GET /v1/health (one D1 statement): ${floor.text}`);

  // The arithmetic (docs/scale.md (Capacity model) shows it with these inputs).
  const tickets = D1_MAX_BYTES / bytesPerTicket;
  const life =
    perIntake.statements + 2 * perAgentReply.statements + perCustomerReply.statements + perResolve.statements;
  console.log(
    `capacity of one database: ${n0(tickets)} tickets before 10 GB (10e9 B / ${n0(bytesPerTicket)} B); ` +
      `at ${D1_QUERIES_PER_SECOND} queries/s: ${n0(D1_QUERIES_PER_SECOND / perIntake.statements)} intakes/s, ` +
      `${n0(D1_QUERIES_PER_SECOND / perList.statements)} agent lists/s, ` +
      `${n0(D1_QUERIES_PER_SECOND / perAgentReply.statements)} agent replies/s; a typical ticket's life ` +
      `(intake, 2 agent replies, 1 customer reply, resolve) is ${n1(life)} statements: ` +
      `${n1(D1_QUERIES_PER_SECOND / life)} such tickets/s, ${n0((D1_QUERIES_PER_SECOND / life) * 86_400)} a day at full load; ` +
      `locally ${n1(writes.rate)} intakes/s x ${n1(perIntake.statements)} = ${n0(writes.rate * perIntake.statements)} statements/s`,
  );
} finally {
  stopDev(server);
}
