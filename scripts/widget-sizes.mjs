// Gzip sizes of the built widget (zlib level 9), shared by the size check and the bench.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets from issue 4, in gzip bytes: the loader alone, and everything one user downloads. */
export const BUDGET = { loader: 4096, total: 20480 };

const gz = (b) => gzipSync(b, { level: 9 }).length;

/**
 * Sizes of dist/public/widget.js, its panel chunk and the per-locale strings chunks: what loads for a
 * user of each locale (loader + panel + that locale's strings), the sum of all widget files, and
 * whether the loader has a module statement.
 */
export function widgetSizes(dir = join(import.meta.dirname, '..', 'dist/public')) {
  const loaderPath = join(dir, 'widget.js');
  if (!existsSync(loaderPath)) throw new Error(`${loaderPath} is missing: run npm run build:widget`);
  const loaderText = readFileSync(loaderPath).toString();
  const file = (name) => {
    if (!existsSync(join(dir, name))) throw new Error(`${name}, named by the loader, was not built`);
    const b = readFileSync(join(dir, name));
    return { name, raw: b.length, gzip: gz(b) };
  };
  const loader = file('widget.js');
  const panelName = /panel-[0-9a-f]+\.js/.exec(loaderText)?.[0];
  if (!panelName) throw new Error('the loader names no built panel chunk');
  const panel = file(panelName);
  const panelText = readFileSync(join(dir, panelName)).toString();
  // The loader preloads strings-<locale>-<hash>.js and the panel imports the same names.
  const strings = {};
  for (const m of loaderText.matchAll(/strings-(\w+)-[\w-]+\.js/g)) {
    if (!panelText.includes(m[0]))
      throw new Error(`the panel does not import ${m[0]}, which the loader preloads`);
    strings[m[1]] = file(m[0]);
  }
  if (!Object.keys(strings).length) throw new Error('the loader names no strings chunk');
  const sum = (parts) => ({
    raw: parts.reduce((n, p) => n + p.raw, 0),
    gzip: parts.reduce((n, p) => n + p.gzip, 0),
  });
  const perLocale = Object.fromEntries(
    Object.entries(strings).map(([locale, s]) => [locale, sum([loader, panel, s])]),
  );
  // Every widget file in the directory, so a chunk nobody accounted for still shows in the sum.
  const all = readdirSync(dir)
    .filter((f) => f === 'widget.js' || /^(panel|strings-\w+)-[\w-]+\.js$/.test(f))
    .map(file);
  // An import/export at statement level (start of the file or after ; { } or a newline) breaks a plain
  // <script> tag; the dynamic import( ) calls that load the chunks are allowed.
  const moduleSyntax = /(^|[;{}\n])\s*(import\s*[\w{*'"`]|export\s*[\w{*])/.test(loaderText);
  return { loader, panel, strings, perLocale, all: { files: all, ...sum(all) }, moduleSyntax };
}
