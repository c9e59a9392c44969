#!/usr/bin/env node
// Builds the agent console's static files into dist/public/desk/assets (served by Workers static
// assets; wrangler.toml's "!/desk/assets/*" keeps them off the worker): console.js, the one island
// (keyboard shortcuts, the queue's poll, canned replies, print), and console.css. Fails above the
// console's budget of 60 KB gzip of JavaScript (issue 14).
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist', 'public', 'desk', 'assets');
/** The console's JavaScript budget, gzip. */
export const DESK_JS_BUDGET = 60 * 1024;

mkdirSync(out, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: ['console/main.ts'],
  outfile: join(out, 'console.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(root, 'console', 'console.css'), join(out, 'console.css'));
const js = gzipSync(readFileSync(join(out, 'console.js'))).length;
const css = gzipSync(readFileSync(join(out, 'console.css'))).length;
console.log(`desk: built dist/public/desk/assets (console.js ${js} B gzip, console.css ${css} B gzip)`);
if (js > DESK_JS_BUDGET) {
  console.error(`desk: console.js is ${js} B gzip, over the ${DESK_JS_BUDGET} B budget`);
  process.exit(1);
}
