#!/usr/bin/env node
// `npm run dev` start-up, as on a fresh clone after `npm install`: the tracked files are copied to a
// temporary directory (node_modules linked, no dist/, no .wrangler/), then `npm run dev` is timed
// until the demo page (/) and GET /v1/health both answer 200: once cold, then again warm (dist and
// the local database kept). Aim: cold < 10 s. Port 8800; each run is bounded and its process group
// is stopped at the end. dev.mjs's own step log (`[dev] ...`) shows where the time goes.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, wranglerEnv } from '../local-wrangler.mjs';
import { DEMO } from '../seed-sql.mjs';

const PORT = 8800;
const BASE = `http://127.0.0.1:${PORT}`;
const TIMEOUT_MS = 60_000;

/** A fresh checkout of the tracked files with node_modules linked from this one. */
function freshClone() {
  const dir = mkdtempSync(join(tmpdir(), 'kinobi-dev-'));
  const files = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0');
  for (const f of files.filter(Boolean)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      copyFileSync(join(ROOT, f), join(dir, f));
    } catch {
      // tracked but deleted in the working tree
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const ok = async (url) => {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
};

/** Starts `npm run dev` in `dir`, waits for the first 200s, stops it; returns ms and the step log. */
async function timeStart(dir) {
  const t0 = performance.now();
  const child = spawn('npm', ['run', '--silent', 'dev'], {
    cwd: dir,
    env: { ...process.env, PORT: String(PORT) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => {
    log += d;
  });
  child.stderr.on('data', (d) => {
    log += d;
  });
  let ms = Number.NaN;
  try {
    while (performance.now() - t0 < TIMEOUT_MS && child.exitCode === null) {
      if ((await ok(`${BASE}/v1/health`)) && (await ok(`${BASE}/`))) {
        ms = performance.now() - t0;
        // Not timed: the demo desk is there (its widget key resolves).
        const config = await fetch(`${BASE}/v1/widget/config`, {
          headers: { 'X-Kinobi-Key': DEMO.widgetKey },
        });
        await config.arrayBuffer();
        if (config.status !== 200) throw new Error(`demo widget key: ${config.status}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    // SIGTERM to npm and dev.mjs; dev.mjs stops wrangler's own process group.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
    for (let i = 0; i < 50 && (await ok(`${BASE}/v1/health`)); i++)
      await new Promise((r) => setTimeout(r, 100));
  }
  if (Number.isNaN(ms)) throw new Error(`npm run dev did not answer within ${TIMEOUT_MS} ms:\n${log}`);
  return { ms, steps: log.split('\n').filter((l) => l.startsWith('[dev]')) };
}

const dir = freshClone();
try {
  for (const run of ['cold', 'warm']) {
    const { ms, steps } = await timeStart(dir);
    console.log(
      `${run.padEnd(5)} npm run dev: first 200 (/ and /v1/health) after ${(ms / 1000).toFixed(1)} s${run === 'cold' ? '   aim: < 10 s' : ''}`,
    );
    for (const s of steps) console.log(`        ${s}`);
    if (run === 'cold') {
      // The one-command first setup must leave the migrations tracked like `migrations apply` does.
      const apply = spawnSync(
        join(ROOT, 'node_modules', '.bin', 'wrangler'),
        ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', '.wrangler/state'],
        { cwd: dir, env: wranglerEnv(), encoding: 'utf8', timeout: 30_000 },
      );
      const clean = /No migrations to apply/.test(apply.stdout + apply.stderr);
      console.log(
        `        migrations apply afterwards: ${clean ? 'nothing to apply (tracked)' : 'NOT clean'}`,
      );
      if (!clean) process.exitCode = 1;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
