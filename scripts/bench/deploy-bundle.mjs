#!/usr/bin/env node
// The Worker bundle as `wrangler deploy` would upload it (a dry run: no account, no network), and its
// gzip size against the Workers limits (3 MB compressed on the Free plan, 10 MB on Paid).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { wrangler } from '../local-wrangler.mjs';

const FREE = 3 * 1024 * 1024;
const PAID = 10 * 1024 * 1024;
const out = mkdtempSync(join(tmpdir(), 'kinobi-dry-'));
try {
  await wrangler(['deploy', '--dry-run', '--outdir', out]);
  const code = readFileSync(join(out, 'index.js'));
  const gz = gzipSync(code, { level: 9 }).byteLength;
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(
    `worker bundle (wrangler deploy --dry-run): ${kb(code.byteLength)} raw, ${kb(gz)} gzip; ` +
      `${((gz / FREE) * 100).toFixed(1)}% of the 3 MB Free limit, ${((gz / PAID) * 100).toFixed(1)}% of the 10 MB Paid limit`,
  );
  if (gz > FREE) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
