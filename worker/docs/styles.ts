import { styleHash } from '../style-hash';

/** The docs page's whole stylesheet, inlined in a `<style>` allowed by its CSP hash (no 'unsafe-inline'). */
export const DOCS_CSS = [
  ':root{--fg:#1c1f24;--muted:#5c6470;--line:#e3e6ea;--bg2:#f6f7f9;--accent:#0b63ce}',
  '*{box-sizing:border-box}',
  'body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);margin:0}',
  '.layout{display:grid;grid-template-columns:19rem minmax(0,1fr);max-width:86rem;margin:0 auto}',
  'nav{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:1.5rem 1rem;',
  'border-right:1px solid var(--line);font-size:13px}',
  'nav h2{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:1.2rem 0 .3rem}',
  'nav ul{list-style:none;margin:0;padding:0}nav li{margin:.2rem 0}nav a{text-decoration:none;color:var(--fg)}',
  'nav li a{display:grid;grid-template-columns:3.8em 1fr;align-items:baseline}nav li code{background:none;font-size:12.5px}',
  'nav a:hover{color:var(--accent)}nav .m{font:700 10px ui-monospace,monospace;color:var(--muted)}',
  'main{padding:1.5rem 2.5rem 4rem;min-width:0}',
  'h1{font-size:1.9rem;margin:.2rem 0}.version{font-size:.9rem;color:var(--muted);font-weight:400}',
  '.lead{font-size:1.05rem}h2{margin-top:2.2rem}h3{margin:1.4rem 0 .4rem;font-size:1rem}',
  'h4{margin:1rem 0 .3rem;font-size:.92rem;font-weight:600}',
  'a{color:var(--accent)}code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}',
  'p code,li code,td code{background:var(--bg2);padding:0 .25em;border-radius:3px}',
  'pre{background:#14181f;color:#e8ebf0;padding:.9rem 1rem;border-radius:6px;overflow:auto;font-size:12.5px;white-space:pre-wrap}' +
    'table.auth td:nth-child(2){white-space:nowrap}',
  'table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:13.5px}',
  'th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;border-bottom:2px solid var(--line)}',
  'th,td{padding:.35rem .6rem .35rem 0;vertical-align:top}td{border-bottom:1px solid var(--line)}',
  'table.fields td:nth-child(2){white-space:nowrap}table.fields td:first-child{min-width:12rem}.parent{color:var(--muted)}',
  '.req{color:#b42318;font-size:12px;font-weight:600}.opt{color:var(--muted);font-size:12px}.always{color:#1f7a4d;font-size:12px}',
  '.muted{color:var(--muted);font-weight:400}.tag-intro{color:var(--muted)}',
  'section.op{border-top:1px solid var(--line);padding-top:.6rem;margin-top:2.4rem}',
  'section.op h2{margin:.6rem 0 .2rem;font-size:1.2rem}section.op h2 code{font-size:1.1rem;margin-left:.3rem}' +
    '.summary{font-size:1.02rem;margin-top:.2rem}',
  '.method{display:inline-block;font:700 12px ui-monospace,monospace;padding:.15rem .45rem;border-radius:4px;',
  'color:#fff;vertical-align:middle}.get{background:#1f7a4d}.post{background:#0b63ce}.patch{background:#a05a00}',
  '.put{background:#6b3fa0}.delete{background:#b42318}',
  '.status{font:700 12px ui-monospace,monospace}.status.ok{color:#1f7a4d}.status.err{color:#b42318}',
  '.group-title{margin-top:3rem;padding-bottom:.3rem;border-bottom:2px solid var(--fg)}',
  '@media (max-width:60rem){.layout{display:block}nav{position:static;max-height:none;border:0}main{padding:1rem}}',
].join('');

/** The CSP source for DOCS_CSS (`'sha256-…'`), computed once per isolate. */
export const docsStyleHash = (): Promise<string> => styleHash(DOCS_CSS);

/** The docs page's Content-Security-Policy: nothing but this one stylesheet (no scripts, images, frames). */
export async function docsCsp(): Promise<string> {
  return `default-src 'none'; style-src ${await docsStyleHash()}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}
