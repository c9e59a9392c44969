#!/usr/bin/env node
// Compiles the supported-browser policy (shared/browser-policy.ts) into one user-agent regex at
// build time, so the widget ships a ~0.5 KB regex instead of browserslist and its database.
// `--check` exits 1 when the committed file is stale (for CI) instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getUserAgentRegex } from 'browserslist-useragent-regexp';
import { tsImport } from 'tsx/esm/api';

const root = join(import.meta.dirname, '..');
const out = join(root, 'shared/generated/supported-browsers.ts');
const policy = await tsImport(join(root, 'shared/browser-policy.ts'), import.meta.url);

const regex = getUserAgentRegex({ browsers: policy.BROWSER_QUERY, ...policy.BROWSER_REGEX_OPTIONS });
const text = policy.renderSupportedBrowsersModule(regex, policy.BROWSER_QUERY);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${out} is stale: run npm run policy:compile`);
    process.exit(1);
  }
  console.log('supported-browsers.ts is up to date');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out} (${regex.source.length} chars) for: ${policy.BROWSER_QUERY}`);
}
