import type { EnvironmentReport, HostContext } from '../../../shared/schema';
import type { Strings } from '../../strings';

// This list's styles come with it (the panel's sheet does not carry them: issue 12's weight), added to
// the shadow root once, by the list's ref. The conversation chunk and the panel's mount do the same with
// their own copies: a module only lazy chunks import would become a chunk of its own, which the build
// refuses, and one helper exported by the panel to both chunks measured +17 B gzip on the intake path.
const CSS =
  '.env dl{margin:8px 0 0;font-size:13px}.env dl div{display:flex;gap:8px}' +
  '.env dt{min-width:40%;color:var(--k-muted)}.env dd{margin:0;overflow-wrap:anywhere}';
let styled = false;
function style(el: Node | null): void {
  const root = el?.getRootNode();
  if (styled || !(root instanceof ShadowRoot)) return;
  styled = true;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // no constructable stylesheets: the list stays readable unstyled
  }
}

/** Lists everything the environment report and host context will send (inside the review's details). */
export function Collected({
  report: r,
  context: c,
  s,
}: {
  report: EnvironmentReport;
  context: HostContext;
  s: Strings;
}) {
  const yn = (v: boolean | undefined) => (v === undefined ? '–' : v ? s.yes : s.no);
  const px = (v?: { width: number; height: number }) => (v ? `${v.width} × ${v.height}` : '–');
  // the labels are this chunk's own words (always there when it renders)
  const rows: [string | undefined, string | undefined][] = [
    [s.env_browser, `${r.browser?.name ?? ''} ${r.browser?.version ?? ''}`],
    [s.env_os, r.os ?? '–'],
    [s.env_device, r.deviceType ?? '–'],
    [s.env_viewport, px(r.viewport)],
    [s.env_screen, `${px(r.screen)} @${r.devicePixelRatio ?? 1}x`],
    [s.env_language, r.language ?? '–'],
    [s.env_timeZone, r.timeZone ?? '–'],
    [s.env_clock, r.clockSkewMs === undefined ? '–' : `${Math.round(r.clockSkewMs / 1000)} s`],
    [s.env_online, yn(r.online)],
    [s.env_cookies, yn(r.cookiesEnabled)],
    [s.env_storage, yn(r.storageAvailable)],
    [s.env_app, c.appVersion ?? '–'],
    [s.env_beta, c.features?.beta?.join(', ') || s.none],
    [s.env_page, c.pageUrl || '–'],
    [s.env_errors, r.recentErrors?.join(' | ') || s.none],
  ];
  return (
    <>
      <dl ref={style}>
        {rows.map(([k, v]) => (
          <div key={String(k)}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">{s.envNote}</p>
    </>
  );
}
