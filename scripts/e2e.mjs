#!/usr/bin/env node
// npm run test:e2e: the browser tests against a real `wrangler dev` on 127.0.0.1:$E2E_PORT (default
// 8788, so two checkouts on one machine can run side by side), with a fresh
// local D1 in .wrangler/e2e (migrated and seeded with the demo desk). wrangler runs in its own
// process group, which is always killed at the end: on success, failure, or Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error('Chromium not found. Install it with: apt-get update && apt-get install -y chromium');
  process.exit(1);
}

const { seedLocal, migrateLocal, ROOT, run, startDev, stopDev, waitForHttp, wranglerEnv } = await import(
  './local-wrangler.mjs'
);
const { demoSeed } = await import('./seed-sql.mjs');

const PORT = Number(process.env.E2E_PORT) || 8788;
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = '.wrangler/e2e';
const started = Date.now();
const step = (what) => console.log(`[e2e] ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

async function prepareDatabase() {
  rmSync(join(ROOT, PERSIST), { recursive: true, force: true });
  await migrateLocal(PERSIST);
  await seedLocal(PERSIST, await demoSeed([BASE, `http://localhost:${PORT}`]), 'e2e-seed');
  step('fresh D1 migrated and seeded');
}

try {
  await Promise.all([run('npm', ['run', '--silent', 'build']).then(() => step('built')), prepareDatabase()]);
} catch (err) {
  console.error(String(err instanceof Error ? err.message : err));
  process.exit(1);
}

let serverLog = '';
const server = startDev({
  port: PORT,
  persistTo: PERSIST,
  args: ['--var', 'ADMIN_SECRET:e2e-admin-secret'],
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const stream of [server.stdout, server.stderr]) {
  stream.on('data', (chunk) => {
    serverLog = (serverLog + chunk).slice(-20_000);
  });
}
/** The test run, once started; killed with the server when this process is told to stop. */
let vitest;
process.on('exit', () => {
  if (vitest) stopDev(vitest); // its own group too: vitest's workers and, through them, Chromium
  stopDev(server);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => process.exit(130)); // the exit handler kills the tests and the server group
}

try {
  await waitForHttp(`${BASE}/v1/health`, 30_000);
  const res = await fetch(`${BASE}/v1/health`);
  if (!res.ok) throw new Error(`/v1/health answered ${res.status}`);
} catch (err) {
  console.error(`[e2e] wrangler dev did not become healthy on ${BASE}: ${err}\n${serverLog}`);
  process.exit(1);
}
step(`wrangler dev ready on ${BASE}`);

// Asynchronous, so that a signal reaching this process is handled while the tests run; in its own
// process group (detached), so that stopping it also stops the worker processes vitest forks.
vitest = spawn(
  join(ROOT, 'node_modules', '.bin', 'vitest'),
  ['run', '--config', 'test/e2e/vitest.e2e.config.ts', ...process.argv.slice(2)],
  {
    cwd: ROOT,
    stdio: 'inherit',
    detached: true,
    env: { ...wranglerEnv(), E2E_BASE_URL: BASE, E2E_CHROMIUM: CHROMIUM },
  },
);
const status = await new Promise((resolve) => vitest.on('exit', (code) => resolve(code ?? 1)));
vitest = undefined;
if (status !== 0 && process.env.E2E_SERVER_LOG) console.error(serverLog);
step(status === 0 ? 'browser tests passed' : 'browser tests failed');
process.exit(status);
