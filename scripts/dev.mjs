#!/usr/bin/env node
// npm run dev: build the widget and demo (unless the build is newer than its sources), migrate and
// seed the local D1 (in parallel with the build), then run `wrangler dev` on 127.0.0.1 in the
// foreground. Offline; everything is written under .wrangler/. `npm run bench dev-startup` times it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileDemoTickets } from './demo-tickets.mjs';
import {
  d1Bindings,
  executeLocalSql,
  migrateLocal,
  ROOT,
  run,
  seedLocal,
  startDev,
  stopDev,
  waitForHttp,
} from './local-wrangler.mjs';
import { DEMO, demoSeed } from './seed-sql.mjs';

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
// The demo desk on data database DATA_1, its directory entries in the control database DB (issue 15).
const seed = await demoSeed(origins);
const seedSql = `${seed.directory}${seed.database}\n${seed.data}`;

const MIGRATIONS = join(ROOT, 'worker', 'db', 'migrations');
const migrationFiles = () =>
  readdirSync(MIGRATIONS)
    .filter((n) => n.endsWith('.sql'))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));

/**
 * The whole first-run setup of one database as ONE SQL text: every migration followed by its row in
 * d1_migrations, exactly as `wrangler d1 migrations apply` writes them (same table, same name
 * column), so later `migrations apply` runs only what is new; then that database's part of the seed
 * (the directory for `DB`, the demo desk for its data database). One wrangler process per database.
 */
function freshDatabaseSql(binding) {
  const parts = [
    'CREATE TABLE IF NOT EXISTS d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);',
  ];
  for (const f of migrationFiles()) {
    parts.push(
      readFileSync(join(MIGRATIONS, f), 'utf8'),
      `INSERT INTO d1_migrations (name) VALUES ('${f}');`,
    );
  }
  if (binding === 'DB') parts.push(seed.directory);
  if (binding === seed.database) parts.push(seed.data);
  return parts.join('\n');
}

/**
 * Each wrangler command costs a second or more of node start-up, so migrating and seeding are skipped
 * when neither the migrations nor the seed changed since the last run against this state, and a
 * database that does not exist yet is created, migrated and seeded by one command.
 */
async function prepareDatabase() {
  const hash = createHash('sha256');
  for (const f of migrationFiles()) hash.update(readFileSync(join(MIGRATIONS, f)));
  const stampValue = hash.update(seedSql).digest('hex');
  const stamp = join(ROOT, PERSIST, '.kinobi-dev-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === stampValue) {
    step('database up to date: migrations and seed skipped');
    return;
  }
  if (!existsSync(join(ROOT, PERSIST, 'v3', 'd1'))) {
    // One after another: parallel wrangler processes on one persist folder fail with SQLITE_BUSY.
    for (const b of d1Bindings())
      await executeLocalSql(PERSIST, freshDatabaseSql(b), 'dev-fresh-database', b);
    step(`new databases (${d1Bindings().join(', ')}): migrated and demo desk seeded, one command each`);
  } else {
    await migrateLocal(PERSIST);
    step(`migrations applied to ${d1Bindings().join(', ')}`);
    await seedLocal(PERSIST, seed, 'demo-seed');
    step(`demo desk seeded on ${seed.database}, its directory in DB`);
  }
  writeFileSync(stamp, stampValue);
}

// What the widget and demo builds read; the build is skipped when its stamp is newer than all of it.
const BUILD_INPUTS = [
  'widget',
  'console',
  'shared',
  'demo',
  'scripts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];
const BUILD_STAMP = join(ROOT, 'dist', '.kinobi-build-stamp');

/** Newest modification time (ms) under `path`, directories included (a deleted file changes its directory). */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

async function buildWidget() {
  if (!buildScript) return step('no widget build script yet: skipped the widget build');
  const inputs = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(ROOT, p))));
  if (existsSync(BUILD_STAMP) && statSync(BUILD_STAMP).mtimeMs > inputs) {
    return step('build up to date: skipped (dist is newer than its sources)');
  }
  const started = new Date();
  await run('npm', ['run', '--silent', buildScript]);
  // Stamped with the start time: a source saved during the build still counts as newer.
  writeFileSync(BUILD_STAMP, `${started.toISOString()}\n`);
  utimesSync(BUILD_STAMP, started, started);
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
  Console    ${HOST}/desk   (agents; sign in with an emailed link, or the dev links below)
  Cron       ${HOST}/__scheduled?cron=*+*+*+*+*

  Desk "${DEMO.deskName}" (slug ${DEMO.deskSlug}), allowed origins ${origins.join(', ')}
  Organisations       ${DEMO.organisations.map((o) => `${o.slug} (${o.name})`).join(', ')}
  Widget key          ${DEMO.widgetKey}      (header X-Kinobi-Key)
${DEMO.agents.map((a) => `  Agent token         ${a.token.padEnd(20)} ${a.name}, ${a.role}, teams ${a.teams.join('+')}`).join('\n')}
${DEMO.agents.map((a) => `  Console sign-in     ${HOST}/desk/dev-sign-in?token=${a.token}   (${a.name}; development only)`).join('\n')}
  Admin secret        ${adminSecret}     (from .dev.vars)
  Identity secret     ${DEMO.identitySecret}   (HS256 identity tokens; the demo page switches users)
  Authorised contacts ${DEMO.organisations.map((o) => o.contact).join(', ')}
`);

const child = startDev({ port: PORT, persistTo: PERSIST, args: ['--test-scheduled'], stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopDev(child);
    process.exit(0);
  });
}
child.on('exit', (code) => process.exit(code ?? 0));

// Sample requests for the console, into an empty queue only (scripts/demo-tickets.mjs).
waitForHttp(`${HOST}/v1/health`, 60_000)
  .then(() => fileDemoTickets(HOST))
  .then((n) => n && step(`filed ${n} sample requests for the console (into the empty queue)`))
  .catch((err) => console.error(`sample requests not filed: ${err.message}`));
