#!/usr/bin/env node
// The audit's load and fault runs (issue 11), bounded, on `wrangler dev` over loopback:
//  1. LOAD_SECONDS of mixed traffic (2/3 widget intake, 1/3 agent queue reads) from CLIENTS loops:
//     requests, errors, p50/p95/p99, and ticket rows in D1 against the 201s answered.
//  2. A fault run: the same load, and 5 s in, the local D1 file is locked (BEGIN EXCLUSIVE, by Python's
//     sqlite3, from outside the worker) for LOCK_SECONDS. Intake clients retry 5xx and network errors
//     with the same Idempotency-Key (bounded), as the widget's outbox does. Prints 503s, non-JSON
//     answers (must be 0) and rows after the retries against the tickets the clients were promised.
// Every loop is bounded in time and count; the server binds to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  executeLocalSql,
  migrateLocal,
  ROOT,
  startDev,
  stopDev,
  waitForHttp,
  wrangler,
} from '../local-wrangler.mjs';
import { benchSeedSql } from '../seed-sql.mjs';
import { CHROME_UA } from './_intake-body.mjs';

const PORT = 8803;
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = '.wrangler/bench/faults';
const CLIENTS = 8;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const FAULT_SECONDS = 25;
const LOCK_SECONDS = 10;
const MAX_REQUESTS = 30_000; // per run, whatever the speed
const MAX_RETRIES = 40; // per intake request in the fault run
const KEYS = 4;

let seq = 0;
const intakeBody = (n) =>
  JSON.stringify({
    subject: `Load ticket ${n}`,
    description: 'The report page answers with an error since this morning.',
    category: 'problem',
    impact: { affected: 'main_function_degraded', workaround: 'limited' },
    contact: { name: 'Budi', email: 'budi@customer.example' },
    environment: { userAgent: CHROME_UA, cookiesEnabled: true },
  });
const intakeInit = (n, key) => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'X-Kinobi-Key': `bench-key-${n % KEYS}`,
    'CF-Connecting-IP': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    'Idempotency-Key': key,
  },
  body: intakeBody(n),
});
const listInit = { headers: { Authorization: 'Bearer bench-agent-token', 'CF-Connecting-IP': '10.250.0.1' } };

const pct = (s, p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One request: status, whether the body was JSON, latency. Network errors count as status 0. */
async function call(url, init) {
  const t0 = performance.now();
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    let json = true;
    try {
      JSON.parse(text);
    } catch {
      json = false;
    }
    return {
      status: res.status,
      json,
      ms: performance.now() - t0,
      retryAfter: Number(res.headers.get('Retry-After') ?? 0),
    };
  } catch {
    return { status: 0, json: false, ms: performance.now() - t0, retryAfter: 0 };
  }
}

/** Mixed load for `seconds`; with `retry`, an intake retries 5xx/network errors with its own key. */
async function run(seconds, { retry = false } = {}) {
  const stats = { requests: 0, byStatus: new Map(), nonJson: 0, latencies: [], promised: new Set(), lost: 0 };
  const count = (r) => {
    stats.requests++;
    stats.byStatus.set(r.status, (stats.byStatus.get(r.status) ?? 0) + 1);
    if (!r.json && r.status !== 0) stats.nonJson++;
    stats.latencies.push(r.ms);
  };
  const end = performance.now() + seconds * 1000;
  async function client(c) {
    for (let i = 0; performance.now() < end && stats.requests < MAX_REQUESTS; i++) {
      if (i % 3 === 2) {
        count(await call(`${BASE}/v1/tickets?limit=25`, listInit));
        continue;
      }
      const n = seq++;
      const key = `load-${process.pid}-${n}`;
      let r = await call(`${BASE}/v1/tickets`, intakeInit(n, key));
      count(r);
      for (
        let attempt = 0;
        retry && (r.status === 0 || r.status >= 500) && attempt < MAX_RETRIES;
        attempt++
      ) {
        await sleep(Math.min(1000, (r.retryAfter || 0.25) * 1000));
        r = await call(`${BASE}/v1/tickets`, intakeInit(n, key));
        count(r);
      }
      if (r.status === 201 || r.status === 200) stats.promised.add(key);
      else if (r.status === 0 || r.status >= 500) stats.lost++;
      if (c < 0) break;
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  stats.latencies.sort((a, b) => a - b);
  return stats;
}

async function ticketRows() {
  const out = await wrangler([
    'd1',
    'execute',
    'DB',
    '--local',
    '--persist-to',
    PERSIST,
    '--json',
    '--command',
    "select count(*) as n, count(distinct idempotency_key) as k from tickets where desk_id = 'desk_bench'",
  ]);
  return JSON.parse(out.slice(out.indexOf('[')))[0].results[0];
}

/** The local D1 database file of PERSIST (miniflare keeps one .sqlite per database). */
function d1File() {
  const dir = join(ROOT, PERSIST, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 file under ${dir}`);
  return join(dir, file);
}

/** Holds an exclusive write lock on the D1 file for `seconds`, from another process. */
function lockDatabase(seconds) {
  const py = `import sqlite3, time\nc = sqlite3.connect(${JSON.stringify(d1File())}, isolation_level=None, timeout=30)\nc.execute('BEGIN EXCLUSIVE')\ntime.sleep(${seconds})\nc.execute('COMMIT')\n`;
  const child = spawn('python3', ['-c', py], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', resolve));
}

const line = (name, s, secs) => {
  const statuses = [...s.byStatus]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => `${k === 0 ? 'network' : k} ${v}`)
    .join(', ');
  console.log(
    `${name}: ${s.requests} requests in ${secs} s (${(s.requests / secs).toFixed(0)} req/s), statuses ${statuses}; ` +
      `p50 ${pct(s.latencies, 50).toFixed(1)} ms, p95 ${pct(s.latencies, 95).toFixed(1)} ms, p99 ${pct(s.latencies, 99).toFixed(1)} ms; ` +
      `non-JSON answers ${s.nonJson}`,
  );
};

rmSync(join(ROOT, PERSIST), { recursive: true, force: true });
await migrateLocal(PERSIST);
await executeLocalSql(PERSIST, await benchSeedSql(KEYS), 'bench-seed');
const server = startDev({ port: PORT, persistTo: PERSIST });
let failed = false;
try {
  await waitForHttp(`${BASE}/v1/health`);
  const load = await run(LOAD_SECONDS);
  line(`mixed load (${CLIENTS} clients, 2/3 intake, 1/3 queue)`, load, LOAD_SECONDS);
  const afterLoad = await ticketRows();
  const created = load.byStatus.get(201) ?? 0;
  console.log(
    `  rows ${afterLoad.n} vs 201s ${created} (duplicates ${afterLoad.n - afterLoad.k}); errors ${load.requests - (load.byStatus.get(200) ?? 0) - created}`,
  );
  failed ||= afterLoad.n !== created || load.nonJson > 0;

  const faultRun = run(FAULT_SECONDS, { retry: true });
  await sleep(5000);
  await lockDatabase(LOCK_SECONDS);
  const fault = await faultRun;
  line(`fault run (D1 locked ${LOCK_SECONDS} s of ${FAULT_SECONDS} s)`, fault, FAULT_SECONDS);
  const afterFault = await ticketRows();
  const rows = afterFault.n - afterLoad.n;
  console.log(
    `  503s ${fault.byStatus.get(503) ?? 0}, non-JSON ${fault.nonJson} (must be 0); rows after retries ${rows} ` +
      `vs tickets promised ${fault.promised.size} (duplicates ${afterFault.n - afterFault.k}); given up after ${MAX_RETRIES} retries: ${fault.lost}`,
  );
  failed ||= fault.nonJson > 0 || afterFault.n !== afterFault.k;
} finally {
  stopDev(server);
}
process.exit(failed ? 1 : 0);
