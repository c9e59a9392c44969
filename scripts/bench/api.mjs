#!/usr/bin/env node
// API throughput on `wrangler dev` over loopback, in one run: GET /v1/health (a D1 round trip, no
// validation) against POST /v1/tickets (key lookup, rate limiter, validation, rules, identity, one
// D1 batch). The figure is the ratio; the aim is intake >= half of the bare route.
//
// Rate limiting stays ON: as on a real site, many end users (a distinct CF-Connecting-IP per request)
// share a few widget keys, so no (key, IP) pair exceeds the RL_INTAKE budget of 30/min while the
// limiter still runs on every request. The routes alternate in ROUNDS short rounds and the ratio is
// the median of the rounds, so load from other processes on this shared machine hits both alike.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { executeLocalSql, migrateLocal, ROOT, startDev, stopDev, waitForHttp } from '../local-wrangler.mjs';
import { benchSeedSql } from '../seed-sql.mjs';
import { widgetTicketBody } from './_intake-body.mjs';

const PORT = 8801;
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = '.wrangler/bench/api';
const CLIENTS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3); // per route per round
const ROUNDS = 3;
const MAX_REQUESTS = 6000; // hard cap per route and round, whatever the speed
const KEYS = 4;
const WARMUP = 50;

let seq = 0;
function intakeRequest() {
  const n = seq++;
  return [
    `${BASE}/v1/tickets`,
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Kinobi-Key': `bench-key-${n % KEYS}`,
        'CF-Connecting-IP': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        'Idempotency-Key': `bench-${process.pid}-${n}`,
      },
      body: widgetTicketBody(`Bench ticket ${n}`),
    },
  ];
}
const healthRequest = () => [`${BASE}/v1/health`, {}];

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** CLIENTS concurrent keep-alive loops for SECONDS (or MAX_REQUESTS); latencies in ms. */
async function load(name, makeRequest, expectStatus, round) {
  for (let i = 0; i < WARMUP; i++) await (await fetch(...makeRequest())).arrayBuffer();
  const latencies = [];
  const serverMs = [];
  const parts = new Map();
  let bad = 0;
  let issued = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  async function client() {
    while (performance.now() < end && issued < MAX_REQUESTS) {
      issued++;
      const t0 = performance.now();
      const res = await fetch(...makeRequest());
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      for (const m of (res.headers.get('Server-Timing') ?? '').matchAll(/([\w-]+);dur=([\d.]+)/g)) {
        if (m[1] === 'app') serverMs.push(Number(m[2]));
        else parts.set(m[1], [...(parts.get(m[1]) ?? []), Number(m[2])]);
      }
      if (res.status !== expectStatus) bad++;
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  serverMs.sort((a, b) => a - b);
  const r = {
    name,
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    workerP50: pct(serverMs, 50),
    bad,
  };
  console.log(
    `${round} ${name.padEnd(18)} ${r.requests} req in ${elapsed.toFixed(1)} s: ${r.rps.toFixed(0)} req/s, ` +
      `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (worker p50 ${r.workerP50.toFixed(1)} ms)` +
      (bad ? `, ${bad} unexpected statuses` : ''),
  );
  // The worker's own split of its time (Server-Timing entries besides app), p50 each.
  const split = [...parts].map(
    ([k, v]) =>
      `${k} ${pct(
        v.sort((a, b) => a - b),
        50,
      ).toFixed(1)}`,
  );
  if (split.length) console.log(`${''.padEnd(26)} worker p50 by part (ms): ${split.join(', ')}`);
  return r;
}

rmSync(join(ROOT, PERSIST), { recursive: true, force: true });
await migrateLocal(PERSIST);
await executeLocalSql(PERSIST, await benchSeedSql(KEYS), 'bench-seed');
const server = startDev({ port: PORT, persistTo: PERSIST });
let failed = false;
try {
  const ready = await waitForHttp(`${BASE}/v1/health`);
  console.log(
    `wrangler dev on ${BASE} answered after ${ready} ms; ${CLIENTS} clients, ${SECONDS} s per route and round`,
  );
  const rounds = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const health = await load('GET /v1/health', healthRequest, 200, `[${i}/${ROUNDS}]`);
    const intake = await load('POST /v1/tickets', intakeRequest, 201, `[${i}/${ROUNDS}]`);
    rounds.push({ health, intake, ratio: intake.rps / health.rps });
    failed ||= health.bad + intake.bad > 0;
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const med = (route, k) => median(rounds.map((r) => r[route][k]));
  console.log(
    `median of ${ROUNDS} rounds: health ${med('health', 'rps').toFixed(0)} req/s (p99 ${med('health', 'p99').toFixed(1)} ms), ` +
      `intake ${med('intake', 'rps').toFixed(0)} req/s (p99 ${med('intake', 'p99').toFixed(1)} ms)`,
  );
  console.log(
    `intake / health throughput ratio: ${median(rounds.map((r) => r.ratio)).toFixed(2)} median ` +
      `(rounds ${rounds.map((r) => r.ratio.toFixed(2)).join(', ')}; aim >= 0.50)`,
  );
} finally {
  stopDev(server);
}
process.exit(failed ? 1 : 0);
