#!/usr/bin/env node
// Builds the widget into dist/public (see ../shared/STACK.md, "The widget build"):
// - panel-<hash>.js: the panel and Preact as an ES module, loaded on intent with import();
// - strings-<locale>-<hash>.js: one locale's strings each, imported by the panel, so a user downloads
//   only their own language;
// - widget.js: the loader as a classic IIFE that knows the panel's and the strings' hashed names.
// Two separate builds so that nothing can become a chunk shared by both: the loader must stay a
// plain script with no import/export statement.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import preact from '@preact/preset-vite';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist/public');
const tmp = join(root, 'dist/.widget-build');
const common = { root, configFile: false, publicDir: false, logLevel: 'warn' };

const result = await build({
  ...common,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: tmp,
    emptyOutDir: true,
    minify: true,
    cssTarget: 'chrome111',
    lib: { entry: join(root, 'widget/panel.tsx'), formats: ['es'], fileName: () => 'panel.js' },
    rolldownOptions: { output: { minify: true, chunkFileNames: 'strings-[name]-[hash].js' } },
  },
});
const bundle = Array.isArray(result) ? result[0] : result;
// Every chunk besides the entry must be a locale's strings: anything else would be a file the size
// check does not count.
const strings = {};
for (const chunk of bundle.output) {
  if (chunk.type !== 'chunk' || chunk.isEntry) continue;
  const locale = /locales\/(\w+)\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
  if (!locale) throw new Error(`unexpected chunk ${chunk.fileName} from ${chunk.facadeModuleId}`);
  strings[locale] = chunk.fileName;
}
const panel = readFileSync(join(tmp, 'panel.js'));
const panelFile = `panel-${createHash('sha256').update(panel).digest('hex').slice(0, 10)}.js`;
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (/^(panel|strings-\w+)-[\w-]+\.js$/.test(f)) rmSync(join(out, f));
writeFileSync(join(out, panelFile), panel);
for (const f of Object.values(strings)) writeFileSync(join(out, f), readFileSync(join(tmp, f)));

await build({
  ...common,
  define: { __KINOBI_PANEL__: JSON.stringify(panelFile), __KINOBI_STRINGS__: JSON.stringify(strings) },
  build: {
    outDir: out,
    emptyOutDir: false,
    minify: true,
    lib: {
      entry: join(root, 'widget/embed.ts'),
      formats: ['iife'],
      name: 'KinobiSupportLoader',
      fileName: () => 'widget.js',
    },
    rolldownOptions: { output: { minify: true } },
  },
});
rmSync(tmp, { recursive: true, force: true });
console.log(`built dist/public/widget.js, ${panelFile} and ${Object.values(strings).join(', ')}`);
