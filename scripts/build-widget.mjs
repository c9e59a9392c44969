#!/usr/bin/env node
// Builds the widget into dist/public (see ../shared/STACK.md, "The widget build"):
// - panel-<hash>.js: the panel and Preact as an ES module, loaded on intent as a module script;
// - strings-<locale>-<hash>.js: one locale's strings each, imported by the panel, so a user downloads
//   only their own language; the same <hash> as the panel's, so the loader carries one hash, not three;
// - <name>-<hash>.js: named lazy chunks (a later `import()` of the panel, e.g. a conversation view);
// - widget.js: the loader as a classic ES5 IIFE (esbuild, target es5: newer syntax fails the build,
//   so browsers below the floor can still parse it and be offered the no-JS form);
// - widget-manifest.json: which file is which, read by the size check.
// Two separate builds so that nothing can become a chunk shared by both: the loader must stay a
// plain script with no import/export statement.
//   node scripts/build-widget.mjs [--modules]   (--modules prints the panel's per-module sizes)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { build as esbuild } from 'esbuild';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist/public');
const tmp = join(root, 'dist/.widget-build');
const CHUNK = /^(panel|strings-\w+|[a-z][\w-]*)-[\w-]{8,}\.js$/;

const result = await build({
  root,
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  plugins: [
    preact({ devToolsEnabled: false, prefreshEnabled: false }),
    {
      // Classic JSX (h(type, props, ...children)) instead of the automatic runtime: no jsx-runtime module
      // and shorter calls in the widget's bytes. Typing still uses jsxImportSource: preact (tsconfig).
      name: 'kinobi:classic-jsx',
      enforce: 'pre',
      config: () => ({ oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } } }),
      // h and Fragment in scope of .tsx files only (oxc's jsxInject would add them to the strings' .ts
      // files too, which would then import the panel).
      transform: (code, id) =>
        id.endsWith('.tsx') ? `import { h, Fragment } from 'preact';\n${code}` : undefined,
    },
  ],
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: tmp,
    emptyOutDir: true,
    minify: true,
    cssTarget: 'chrome111',
    lib: { entry: join(root, 'widget/panel.tsx'), formats: ['es'], fileName: () => 'panel.js' },
    rolldownOptions: {
      // Modules a lazy chunk shares with the panel (Preact, hooks, helpers) stay in the panel, which
      // exports them to the chunk, instead of becoming a shared chunk the panel would import statically.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        // no /* @__PURE__ */ left in the shipped bytes (~140 B gzip of the panel): the minifier has used them
        comments: false,
        chunkFileNames: (c) =>
          /locales\/\w+\.ts$/.test(c.facadeModuleId ?? '')
            ? 'strings-[name]-[hash].js'
            : /widget\/conversation\//.test(c.facadeModuleId ?? '')
              ? 'conversation-[hash].js'
              : // a rare path's chunk (widget/paths.ts) is named after its folder
                `${/widget\/paths\/(\w+)\//.exec(c.facadeModuleId ?? '')?.[1] ?? '[name]'}-[hash].js`,
      },
    },
  },
});
const bundle = Array.isArray(result) ? result[0] : result;
const strings = {};
const lazy = {};
let entry;
for (const chunk of bundle.output) {
  if (chunk.type !== 'chunk') continue;
  if (chunk.isEntry) {
    entry = chunk;
    continue;
  }
  const locale = /locales\/(\w+)\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
  // Anything else must be a lazy chunk of its own (reached by import() only), which the size
  // check budgets by name; a chunk the panel imports statically would be loaded with it uncounted.
  if (locale) strings[locale] = chunk.fileName;
  else if (chunk.isDynamicEntry)
    lazy[chunk.fileName.replace(/-[\w-]{8}\.js$/, '') /* rolldown's 8-character hash */] = chunk.fileName;
  else throw new Error(`unexpected shared chunk ${chunk.fileName} from ${chunk.facadeModuleId}`);
}
if (entry?.imports.length) throw new Error(`the panel imports ${entry.imports} statically`);
if (process.argv.includes('--modules') && entry) {
  // "alone" overstates what a module costs (gzip shares a dictionary across the file); "marginal" is
  // how much smaller the whole panel's gzip gets without that module's code.
  const mods = Object.entries(entry.modules).map(([id, m]) => [id, m.code ?? '']);
  const whole = gzipSync(mods.map(([, c]) => c).join('\n'), { level: 9 }).length;
  const rows = mods
    .map(([id, code], i) => {
      const without = mods
        .filter((_, j) => j !== i)
        .map(([, c]) => c)
        .join('\n');
      const marginal = whole - gzipSync(without, { level: 9 }).length;
      return [code.length, gzipSync(code, { level: 9 }).length, marginal, relative(root, id)];
    })
    .sort((a, b) => b[2] - a[2]);
  console.log(`panel modules (minified chars, gzip alone, marginal gzip; all together ${whole} B):`);
  for (const [chars, gz, marginal, id] of rows)
    console.log(
      `${String(chars).padStart(7)} ${String(gz).padStart(6)} ${String(marginal).padStart(6)}  ${id}`,
    );
}
const hash = (b) => createHash('sha256').update(b).digest('hex').slice(0, 8); // 32 bits: enough to bust caches
let panel = readFileSync(join(tmp, 'panel.js'), 'utf8');
// The panel names rolldown's content-hashed strings files, so this hash changes with any of them.
const buildHash = hash(panel);
const panelFile = `panel-${buildHash}.js`;
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (CHUNK.test(f)) rmSync(join(out, f));
for (const [locale, f] of Object.entries(strings)) {
  const named = `strings-${locale}-${buildHash}.js`;
  if (!panel.includes(`./${f}`)) throw new Error(`the panel does not import ./${f}`);
  panel = panel.replaceAll(`./${f}`, `./${named}`);
  writeFileSync(join(out, named), readFileSync(join(tmp, f)));
  strings[locale] = named;
}
// A lazy chunk imports what it shares with the panel (Preact, hooks) from "./panel.js": that must be the
// hashed file the loader ran, or the browser would load a second panel (and a second Preact). Its name
// is hashed again over the rewritten text, so a new panel also means a new chunk name.
for (const [name, f] of Object.entries(lazy)) {
  const text = readFileSync(join(tmp, f), 'utf8').replace(/(["'`])\.\/panel\.js\1/g, `$1./${panelFile}$1`);
  if (/panel\.js\b/.test(text)) throw new Error(`${f} imports the panel in a way the build cannot rename`);
  const named = `${name}-${hash(text)}.js`;
  if (!panel.includes(`./${f}`)) throw new Error(`the panel does not import ./${f}`);
  panel = panel.replaceAll(`./${f}`, `./${named}`);
  writeFileSync(join(out, named), text);
  lazy[name] = named;
}
writeFileSync(join(out, panelFile), panel);

await esbuild({
  absWorkingDir: root,
  entryPoints: ['widget/embed.ts'],
  outfile: join(out, 'widget.js'),
  bundle: true,
  format: 'iife',
  target: 'es5',
  // a classic script gains nothing from "use strict" but its bytes
  tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __KINOBI_BUILD__: JSON.stringify(buildHash) },
});
writeFileSync(
  join(out, 'widget-manifest.json'),
  `${JSON.stringify({ loader: 'widget.js', panel: panelFile, strings, lazy }, null, 2)}\n`,
);
rmSync(tmp, { recursive: true, force: true });
console.log(
  `built dist/public/widget.js, ${panelFile}, ${[...Object.values(strings), ...Object.values(lazy)].join(', ')}`,
);
