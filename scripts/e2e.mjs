#!/usr/bin/env node
// npm run test:e2e: the browser tests against a real `wrangler dev` on 127.0.0.1:8788, with a fresh
// local D1 in .wrangler/e2e (migrated and seeded with the demo tenant). wrangler runs in its own
// process group, which is always killed at the end: on success, failure, or Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const PORT = 8788;
const BASE = `http://127.0.0.1:${PORT}`;
const root = join(import.meta.dirname, '..');
const persist = join(root, '.wrangler', 'e2e');
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  XDG_CONFIG_HOME: join(root, '.wrangler', 'config'),
  WRANGLER_LOG_PATH: join(root, '.wrangler', 'logs'),
};

if (!existsSync(CHROMIUM)) {
  console.error('Chromium not found. Install it with: apt-get update && apt-get install -y chromium');
  process.exit(1);
}

/** Runs a step to completion, or exits with its status. */
function step(label, cmd, args, extraEnv = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`e2e: ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`e2e: ${label} (${Date.now() - started} ms)`);
}

const wranglerBin = join(root, 'node_modules', '.bin', 'wrangler');
step('build', 'npm', ['run', '--silent', 'build']);
rmSync(persist, { recursive: true, force: true });
mkdirSync(persist, { recursive: true });
step('migrate', wranglerBin, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
step('seed', 'node', [join(root, 'scripts', 'seed-demo.mjs'), '--persist-to', persist, '--origin', BASE]);

// detached: the child calls setsid(), so wrangler, its workerd processes and esbuild share a new
// process group that one kill(-pid) ends.
const server = spawn(
  wranglerBin,
  [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(PORT),
    '--persist-to',
    persist,
    '--var',
    'ADMIN_SECRET:e2e-admin-secret',
  ],
  { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);
let serverLog = '';
const keep = (chunk) => {
  serverLog = (serverLog + chunk).slice(-20_000);
};
server.stdout.on('data', keep);
server.stderr.on('data', keep);

let stopped = false;
function stopServer() {
  if (stopped) return;
  stopped = true;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
process.on('exit', stopServer);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopServer();
    process.exit(130);
  });
}

async function waitForHealth(timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) break;
    try {
      const res = await fetch(`${BASE}/v1/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

const started = Date.now();
if (!(await waitForHealth())) {
  console.error(`e2e: wrangler dev did not become healthy on ${BASE}; its last output:\n${serverLog}`);
  process.exit(1);
}
console.log(`e2e: wrangler dev ready on ${BASE} (${Date.now() - started} ms)`);

// Asynchronous, so that a signal reaching this process is handled (and the server group killed)
// while the tests run.
const vitest = spawn(
  join(root, 'node_modules', '.bin', 'vitest'),
  ['run', '--config', 'test/e2e/vitest.e2e.config.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...env, E2E_BASE_URL: BASE, E2E_CHROMIUM: CHROMIUM } },
);
const status = await new Promise((resolve) => vitest.on('exit', (code) => resolve(code ?? 1)));
if (status !== 0 && process.env.E2E_SERVER_LOG) console.error(serverLog);
stopServer();
process.exit(status);
