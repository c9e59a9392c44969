// Running wrangler locally and offline, with everything it writes kept inside the project
// (see ../shared/STACK.md): used by `npm run dev` and the API bench.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The project root (this file lives in scripts/). */
export const ROOT = join(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

const TMP = join(ROOT, '.wrangler', 'tmpdir');
mkdirSync(TMP, { recursive: true });

/** Environment for every wrangler command: no metrics, no network lookups, config and logs in .wrangler/. */
export function wranglerEnv() {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: join(ROOT, '.wrangler', 'config'),
    WRANGLER_LOG_PATH: join(ROOT, '.wrangler', 'logs'),
    // miniflare's scratch files (e.g. the .eml of sent mail) go to os.tmpdir(): keep them in the project too.
    TMPDIR: TMP,
    // Non-interactive: `d1 migrations apply` must not stop to ask.
    CI: 'true',
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out}`)),
    );
  });
}

/** Runs a wrangler command to completion. */
export function wrangler(args) {
  return run(WRANGLER, args, wranglerEnv());
}

/**
 * The D1 bindings of wrangler.toml in order: the control database `DB` first, then the data
 * databases (issue 15). Read from the file so a database added there is migrated everywhere.
 */
export function d1Bindings() {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  return toml
    .split('[[d1_databases]]')
    .slice(1)
    .map((block) => /^\s*binding\s*=\s*"([^"]+)"/m.exec(block)?.[1])
    .filter(Boolean);
}

/** The data database the demo and bench desks are seeded on (scripts/seed-sql.mjs). */
export const SEED_DATABASE = 'DATA_1';

/**
 * Applies the D1 migrations to every local database under `persistTo`, one after another: two
 * wrangler processes on one persist folder fail with SQLITE_BUSY on miniflare's own state.
 */
export async function migrateLocal(persistTo) {
  const out = [];
  for (const binding of d1Bindings()) {
    out.push(await wrangler(['d1', 'migrations', 'apply', binding, '--local', '--persist-to', persistTo]));
  }
  return out.join('\n');
}

/** Executes a SQL text (one statement per line) against one local database (default: the control database). */
export function executeLocalSql(persistTo, sql, name, binding = 'DB') {
  const dir = join(ROOT, '.wrangler', 'tmp-sql');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${binding}.sql`);
  writeFileSync(file, sql);
  return wrangler(['d1', 'execute', binding, '--local', '--persist-to', persistTo, '--file', file]);
}

/** Seeds a desk the way production places one: its rows on its data database, its directory entries in `DB`. */
export async function seedLocal(persistTo, { data, directory, database = SEED_DATABASE }, name) {
  await executeLocalSql(persistTo, directory, `${name}-directory`, 'DB');
  await executeLocalSql(persistTo, data, name, database);
}

/**
 * Starts `wrangler dev` on 127.0.0.1:`port` in its own process group (detached = setsid), so that
 * `stopDev` can end wrangler, workerd and esbuild together.
 */
export function startDev({ port, persistTo, args = [], stdio = 'ignore' }) {
  // The links in mail and on pages (PUBLIC_BASE_URL) point at this server, on whatever port it runs.
  const base = ['--var', `PUBLIC_BASE_URL:http://127.0.0.1:${port}`];
  return spawn(
    WRANGLER,
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistTo, ...base, ...args],
    { cwd: ROOT, env: wranglerEnv(), detached: true, stdio },
  );
}

/** Stops a server started by `startDev` (its whole process group). */
export function stopDev(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Waits until `url` answers (any status) or `timeoutMs` passes; returns the milliseconds it took. */
export async function waitForHttp(url, timeoutMs = 30_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      await fetch(url);
      return Date.now() - start;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
