#!/usr/bin/env node
// The console's queue page (GET /desk, server-rendered HTML) with 100,000 tickets in one desk over 20
// organisations, on `wrangler dev` over loopback: p50/p95/p99 of the worker's own time (Server-Timing
// app;dur) and as the client sees it, per view, plus the poll's rows-only answer. Aim: p95 < 50 ms at
// the worker (issue 14). Reuses tickets-list.mjs's seeded database.
import { startDev, stopDev, waitForHttp } from '../local-wrangler.mjs';
import { fmt, ORGANISATIONS, PERSIST, prepare, serverTiming, TICKETS, TOKEN } from './tickets-list.mjs';

const PORT = Number(process.env.BENCH_QUEUE_PORT ?? 8801);
const BASE = `http://127.0.0.1:${PORT}`;
const REQUESTS = 300;
const MAX_MS = 90_000;
const PAGES = [
  '/desk',
  '/desk?view=needs-first-response',
  '/desk?view=customer-replied',
  '/desk?view=at-risk',
  '/desk?view=waiting-customer',
  '/desk?view=mine',
  '/desk?organisation=bl3',
  '/desk?severity=1',
  '/desk?status=resolved',
  '/desk?q=login',
  '/desk?partial=rows',
];

async function main() {
  console.log(await prepare());
  const dev = startDev({ port: PORT, persistTo: PERSIST });
  try {
    await waitForHttp(`${BASE}/v1/health`);
    // The development sign-in (wrangler dev runs with ENVIRONMENT=development) gives the session cookie.
    const signIn = await fetch(`${BASE}/desk/dev-sign-in?token=${TOKEN}`, { redirect: 'manual' });
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('kinobi_desk_session='))
      ?.split(';')[0];
    if (!cookie) throw new Error(`dev sign-in answered ${signIn.status}`);
    const client = [];
    const worker = [];
    const perPage = new Map();
    const deadline = performance.now() + MAX_MS;
    for (let i = 0; i < REQUESTS + 20 && performance.now() < deadline; i++) {
      const path = PAGES[i % PAGES.length];
      const start = performance.now();
      const res = await fetch(`${BASE}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
      const html = await res.text();
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${html.slice(0, 200)}`);
      if (i < 20) continue; // warm-up
      client.push(ms);
      const { app } = serverTiming(res);
      if (app !== undefined) {
        worker.push(app);
        perPage.set(path, [...(perPage.get(path) ?? []), app]);
      }
    }
    console.log(
      `GET /desk (queue page, 50 rows of HTML), ${TICKETS.toLocaleString('en')} tickets in one desk over ${ORGANISATIONS} organisations, sequential`,
    );
    console.log(`  client: ${fmt(client)}`);
    console.log(`  worker (Server-Timing): ${fmt(worker)}   aim: p95 < 50 ms`);
    for (const [k, v] of perPage) console.log(`    ${k.padEnd(36)} ${fmt(v)}`);
  } finally {
    stopDev(dev);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
