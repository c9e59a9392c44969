#!/usr/bin/env node
// npm run test:conn: connection-level tests (test/conn/) against a real `wrangler dev` on
// 127.0.0.1:8797 with a fresh local D1 in .wrangler/conn (migrated, demo tenant seeded). No build
// needed: the assets folder only has to exist. wrangler runs in its own process group, which is
// always killed at the end: on success, failure, or Ctrl-C.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  migrateLocal,
  ROOT,
  seedLocal,
  startDev,
  stopDev,
  waitForHttp,
  wranglerEnv,
} from './local-wrangler.mjs';
import { demoSeed } from './seed-sql.mjs';

const PORT = Number(process.env.CONN_PORT ?? 8797);
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = '.wrangler/conn';
const log = (what) => console.log(`[conn] ${what}`);

// Another server on the port would answer instead of ours: refuse to test it.
const portTaken = await fetch(`${BASE}/`).then(
  () => true,
  () => false,
);
if (portTaken) {
  console.error(`[conn] something already listens on ${BASE}; free it or set CONN_PORT to another port`);
  process.exit(1);
}

rmSync(join(ROOT, PERSIST), { recursive: true, force: true });
mkdirSync(join(ROOT, 'dist', 'public'), { recursive: true });
try {
  await migrateLocal(PERSIST);
  await seedLocal(PERSIST, await demoSeed([BASE]), 'conn-seed');
} catch (err) {
  console.error(String(err instanceof Error ? err.message : err));
  process.exit(1);
}

let serverLog = '';
const server = startDev({ port: PORT, persistTo: PERSIST, stdio: ['ignore', 'pipe', 'pipe'] });
for (const stream of [server.stdout, server.stderr]) {
  stream.on('data', (chunk) => {
    serverLog = (serverLog + chunk).slice(-20_000);
  });
}
let vitest;
process.on('exit', () => {
  if (vitest) stopDev(vitest);
  stopDev(server);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));

try {
  await waitForHttp(`${BASE}/v1/health`, 30_000);
} catch (err) {
  console.error(`[conn] wrangler dev did not answer on ${BASE}: ${err}\n${serverLog}`);
  process.exit(1);
}
log(`wrangler dev ready on ${BASE}`);

vitest = spawn(
  join(ROOT, 'node_modules', '.bin', 'vitest'),
  ['run', '--config', 'test/conn/vitest.conn.config.ts', ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit', detached: true, env: { ...wranglerEnv(), CONN_BASE_URL: BASE } },
);
const status = await new Promise((resolve) => vitest.on('exit', (code) => resolve(code ?? 1)));
vitest = undefined;
if (status !== 0) console.error(`[conn] server log (tail):\n${serverLog.slice(-4000)}`);
log(status === 0 ? 'connection tests passed' : 'connection tests failed');
process.exit(status);
