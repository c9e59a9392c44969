// The environment policy's cost in the widget: gzip size of evaluateEnvironment + detectBrowser +
// the compiled browser regex when bundled and minified, and evaluations per second on real UAs.
// esbuild arrives with tsx (a dev dependency); it stands in for the widget's minifier here.
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '../..');
const bundle = async (contents) => {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
  });
  return out.outputFiles[0].text;
};

const regexOnly = await bundle(
  "export { SUPPORTED_BROWSER_REGEX } from './shared/generated/supported-browsers';",
);
const full = await bundle("export { evaluateEnvironment, detectBrowser } from './shared/environment';");
const detectOnly = await bundle("export { detectBrowser } from './shared/environment';");
const gz = (s) => gzipSync(s, { level: 9 }).length;
console.log(`supported-browser regex alone: ${regexOnly.length} B min, ${gz(regexOnly)} B gzip`);
console.log(`detectBrowser alone: ${detectOnly.length} B min, ${gz(detectOnly)} B gzip`);
console.log(
  `evaluateEnvironment + detectBrowser + regex + policy summary: ${full.length} B min, ${gz(full)} B gzip`,
);

const { evaluateEnvironment } = await import(`data:text/javascript,${encodeURIComponent(full)}`);
const uas = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Safari/605.1.15',
];
const reports = uas.map((userAgent) => ({ userAgent, clockSkewMs: 1000, online: true }));
const n = 200_000; // bounded: about 0.3 s on this machine
let unsupported = 0;
const t0 = performance.now();
for (let i = 0; i < n; i++) if (!evaluateEnvironment(reports[i % reports.length]).supported) unsupported++;
const ms = performance.now() - t0;
console.log(
  `evaluateEnvironment: ${Math.round(n / (ms / 1000)).toLocaleString('en')} reports/s (${unsupported} unsupported of ${n})`,
);
