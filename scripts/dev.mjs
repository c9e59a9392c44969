#!/usr/bin/env node
// npm run dev: build the widget (when the build exists), migrate and seed the local D1, then run
// `wrangler dev` on 127.0.0.1 in the foreground. Offline; everything is written under .wrangler/.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeLocalSql, migrateLocal, ROOT, run, startDev, stopDev } from './local-wrangler.mjs';
import { DEMO, demoSeedSql } from './seed-sql.mjs';

const PORT = Number(process.env.PORT ?? 8787);
const HOST = `http://127.0.0.1:${PORT}`;
// PERSIST_TO lets a second copy run beside the demo without sharing its database.
const PERSIST = process.env.PERSIST_TO ?? '.wrangler/state';
const started = Date.now();
const step = (what) => console.log(`[dev] ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
const buildScript = scripts.build ? 'build' : scripts['build:widget'] ? 'build:widget' : null;

// The admin API's secret for local use only, in the git-ignored .dev.vars.
const devVars = join(ROOT, '.dev.vars');
if (!existsSync(devVars)) writeFileSync(devVars, 'ADMIN_SECRET=dev-admin-secret\n');
const adminSecret =
  readFileSync(devVars, 'utf8').match(/^ADMIN_SECRET=(.*)$/m)?.[1] ?? '(not set in .dev.vars)';

const origins = [...new Set([...DEMO.origins, HOST, `http://localhost:${PORT}`])];
const seedSql = await demoSeedSql(origins);

/**
 * Each wrangler command costs a few seconds of node start-up, so migrating and seeding are skipped
 * when neither the migrations nor the seed changed since the last run against this state.
 */
async function prepareDatabase() {
  const dir = join(ROOT, 'worker', 'db', 'migrations');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort())
    hash.update(readFileSync(join(dir, f)));
  const stampValue = hash.update(seedSql).digest('hex');
  const stamp = join(ROOT, PERSIST, '.kinobi-dev-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === stampValue) {
    step('database up to date: migrations and seed skipped');
    return;
  }
  await migrateLocal(PERSIST);
  step('migrations applied');
  await executeLocalSql(PERSIST, seedSql, 'demo-seed');
  writeFileSync(stamp, stampValue);
  step('demo tenant seeded');
}

async function buildWidget() {
  if (!buildScript) return step('no widget build script yet: skipped the widget build');
  await run('npm', ['run', '--silent', buildScript]);
  step(`built (npm run ${buildScript})`);
}

try {
  await Promise.all([buildWidget(), prepareDatabase()]);
} catch (err) {
  console.error(String(err instanceof Error ? err.message : err));
  process.exit(1);
}

console.log(`
  Kinobi Support, local
  API        ${HOST}/v1/health
  Demo page  ${HOST}/
  API docs   ${HOST}/docs   (OpenAPI: ${HOST}/v1/openapi.json)
  Cron       ${HOST}/__scheduled?cron=*+*+*+*+*

  Tenant "${DEMO.name}" (slug ${DEMO.slug}), allowed origins ${origins.join(', ')}
  Widget key          ${DEMO.widgetKey}      (header X-Kinobi-Key)
  Agent token         ${DEMO.agentToken}     (Authorization: Bearer ...)
  Admin secret        ${adminSecret}     (from .dev.vars)
  Identity secret     ${DEMO.identitySecret}
  Authorised contact  ${DEMO.contact}
`);

const child = startDev({ port: PORT, persistTo: PERSIST, args: ['--test-scheduled'], stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopDev(child);
    process.exit(0);
  });
}
child.on('exit', (code) => process.exit(code ?? 0));
