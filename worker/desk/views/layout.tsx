/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Agent } from '../../app-env';
import type { Strings } from '../strings';

/** Where the console's static files are served from (built by scripts/build-desk.mjs). */
export const ASSETS = '/desk/assets';

/** What every console page needs around its content. */
export type PageFrame = {
  s: Strings;
  title: string;
  /** The signed-in agent; none on the sign-in pages. */
  agent?: Agent;
  /** The current path with query, for the language switch to come back to. */
  here: string;
  /** Which navigation entry is current. */
  section?: 'queue' | 'reports';
  /** data-page on <body>: which keyboard shortcuts the island enables. */
  page: string;
  children: Child;
};

/** The language switch: a POST form (it sets a preference), so it works without JavaScript. */
function LangSwitch({ s, here }: { s: Strings; here: string }) {
  return (
    <form method="post" action="/desk/lang" class="lang">
      <input type="hidden" name="lang" value={s.htmlLang === 'id' ? 'en' : 'id'} />
      <input type="hidden" name="next" value={here} />
      <button type="submit" lang={s.htmlLang === 'id' ? 'en' : 'id'}>
        {s.switchTo}
      </button>
    </form>
  );
}

/** The page shell: header with navigation, language switch and sign-out; the shortcut list in the footer. */
export function Layout({ s, title, agent, here, section, page, children }: PageFrame) {
  return (
    <html lang={s.htmlLang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${s.product}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={`${ASSETS}/console.css`} />
        <script type="module" src={`${ASSETS}/console.js`} />
      </head>
      <body data-page={page}>
        <a class="skip" href="#main">
          {s.skip}
        </a>
        <header class="top">
          <a class="brand" href="/desk">
            {s.product}
          </a>
          {agent && (
            <nav aria-label={s.navLabel}>
              <a href="/desk" aria-current={section === 'queue' ? 'page' : undefined}>
                {s.navQueue}
              </a>
              <a href="/desk/reports" aria-current={section === 'reports' ? 'page' : undefined}>
                {s.navReports}
              </a>
            </nav>
          )}
          <div class="top-end">
            <LangSwitch s={s} here={here} />
            {agent && (
              <>
                <span class="who">
                  {s.signedInAs} <strong>{agent.name}</strong>
                </span>
                <form method="post" action="/desk/sign-out">
                  <button type="submit">{s.signOut}</button>
                </form>
              </>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        {agent && (
          <footer>
            <details id="shortcuts">
              <summary>{s.shortcuts} (?)</summary>
              <dl>
                {s.keys.map(([k, what]) => (
                  <div>
                    <dt>
                      <kbd>{k}</kbd>
                    </dt>
                    <dd>{what}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </footer>
        )}
      </body>
    </html>
  );
}

/** A notice after an action (role=status, so screen readers hear it). */
export function Notice({ text, kind = 'ok' }: { text?: string; kind?: 'ok' | 'error' }) {
  if (!text) return null;
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
}
