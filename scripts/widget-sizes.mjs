// Gzip sizes of the built widget (zlib level 9), shared by the size check and the bench.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets from issue 4, in gzip bytes. */
export const BUDGET = { loader: 4096, total: 20480 };

/** Sizes of dist/public/widget.js and its panel chunk, and whether the loader has a module statement. */
export function widgetSizes(dir = join(import.meta.dirname, '..', 'dist/public')) {
  const loaderPath = join(dir, 'widget.js');
  if (!existsSync(loaderPath)) throw new Error(`${loaderPath} is missing: run npm run build:widget`);
  const loader = readFileSync(loaderPath);
  const panelName = /panel-([0-9a-f]+)\.js/.exec(loader.toString())?.[0];
  if (!panelName || !existsSync(join(dir, panelName)))
    throw new Error('the loader names no built panel chunk');
  const panel = readFileSync(join(dir, panelName));
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  // An import/export at statement level (start of the file or after ; { } or a newline) breaks a plain
  // <script> tag; the dynamic import( ) call that loads the panel is allowed.
  const moduleSyntax = /(^|[;{}\n])\s*(import\s*[\w{*'"`]|export\s*[\w{*])/.test(loader.toString());
  return {
    panelName,
    loader: { raw: loader.length, gzip: gz(loader) },
    panel: { raw: panel.length, gzip: gz(panel) },
    total: { raw: loader.length + panel.length, gzip: gz(loader) + gz(panel) },
    moduleSyntax,
  };
}
