#!/usr/bin/env node
// Runs every benchmark under scripts/bench/ in one process tree, one after another, so that
// the figures and ratios each prints come from the same run on the same machine.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => /\.(mjs|ts)$/.test(f) && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file} ==`);
  const runner = file.endsWith('.ts') ? ['npx', ['tsx', join(dir, file)]] : ['node', [join(dir, file)]];
  const r = spawnSync(runner[0], runner[1], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
