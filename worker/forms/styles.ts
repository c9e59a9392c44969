import { styleHash } from '../style-hash';

/**
 * The form pages' whole stylesheet, inlined and allowed by its hash. Written for the browsers that
 * come here (IE11, Safari before 16.4): no custom properties, grid, `:has()` or logical properties;
 * 16 px inputs (iOS zooms below), a visible focus ring, error borders on every input.
 */
export const FORM_CSS = [
  'html{-webkit-text-size-adjust:100%}',
  'body{margin:0;background:#eef1f4;color:#1c1f24;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;',
  'font-size:16px;line-height:1.5}',
  'main{display:block;max-width:42rem;margin:0 auto;padding:1rem 1.25rem 3rem;background:#fff}',
  'h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .75rem}h2{font-size:1.15rem;margin:1.25rem 0 .5rem}',
  'a{color:#0b5cbf}a:hover{text-decoration:none}',
  '.lang{margin:0;text-align:right;font-size:.95rem}',
  'fieldset{border:1px solid #c9ced4;border-radius:6px;margin:1.25rem 0;padding:.5rem 1rem 1rem;min-width:0}',
  'fieldset fieldset{border:0;padding:0;margin:.75rem 0 0}',
  'legend{font-weight:700;padding:0 .25rem}fieldset fieldset legend{padding:0}',
  '.field{margin:1rem 0 0}label{display:block;font-weight:600;margin:0 0 .25rem}',
  '.choice{margin:.4rem 0}.choice label{display:inline;font-weight:400;margin:0 0 0 .4rem}',
  '.choice input{width:1.15rem;height:1.15rem;margin:0;vertical-align:-.2rem}',
  'input[type=text],input[type=email],textarea,select{display:block;width:100%;-webkit-box-sizing:border-box;',
  'box-sizing:border-box;font-family:inherit;font-size:16px;padding:.5rem .6rem;border:1px solid #6b7480;',
  'border-radius:4px;background:#fff;color:#1c1f24}',
  'textarea{min-height:8rem;resize:vertical}',
  '.hint{display:block;color:#4a5360;font-size:.95rem;font-weight:400;margin:.1rem 0 .35rem}label .hint{display:inline}',
  '.error{color:#a3170f;font-weight:700;margin:.1rem 0 .35rem}',
  'input[aria-invalid=true],textarea[aria-invalid=true],select[aria-invalid=true]{border:2px solid #a3170f}',
  '.invalid{border-left:4px solid #a3170f;padding-left:.6rem}',
  '.summary{border:2px solid #a3170f;border-radius:6px;background:#fff6f5;padding:.5rem 1rem;margin:1rem 0}',
  '.summary h2{margin:.25rem 0}',
  '.notice{border-left:4px solid #8a4b00;background:#fff7e8;padding:.5rem 1rem;margin:1rem 0}',
  '.urgent{border-left-color:#a3170f;background:#fff6f5}',
  '.status{color:#4a5360}',
  'button{font-family:inherit;font-size:17px;font-weight:700;color:#fff;background:#0b5cbf;border:0;',
  'border-radius:6px;padding:.75rem 1.5rem;margin:1.25rem 0 0;cursor:pointer}',
  'button:hover{background:#084a9b}',
  'a:focus,input:focus,textarea:focus,select:focus,button:focus{outline:3px solid #c25e00;outline-offset:2px}',
  '.big{font-size:1.35rem;font-weight:700}',
  // The conversation page (worker/link/): the thread, oldest first.
  '.thread{list-style:none;margin:0;padding:0}.thread li{margin:.75rem 0}',
  '.msg{border:1px solid #c9ced4;border-radius:6px;padding:.5rem 1rem}.agent{background:#f3f7fc}',
  '.meta{margin:0;color:#4a5360;font-size:.95rem}.body{margin:.25rem 0 0;white-space:pre-wrap;word-wrap:break-word}',
].join('');

/**
 * The form pages' Content-Security-Policy: no script at all, the one stylesheet by its hash, and
 * the form may post only to this origin.
 */
export async function formCsp(): Promise<string> {
  return `default-src 'none'; style-src ${await styleHash(FORM_CSS)}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
}
