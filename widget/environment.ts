import type { EnvironmentReport, WidgetEnvironment } from '../shared/schema';

/** The parts of `window` the collector reads; tests pass a stand-in with an old user agent. */
export type EnvSource = Pick<
  Window,
  'navigator' | 'innerWidth' | 'innerHeight' | 'screen' | 'devicePixelRatio'
> & {
  localStorage?: Storage;
  location?: { href: string };
};

/** The page address without query string and fragment, which may carry tokens or personal data. */
export function redactUrl(href: string): string {
  try {
    const url = new URL(href);
    return url.origin + url.pathname + (url.search ? '?[redacted]' : '') + (url.hash ? '#[redacted]' : '');
  } catch {
    return '';
  }
}

function storageWorks(win: EnvSource): boolean {
  try {
    const s = win.localStorage;
    if (!s) return false;
    s.setItem('kinobi:probe', '1');
    s.removeItem('kinobi:probe');
    return true;
  } catch {
    return false;
  }
}

// Features the product and the widget rely on; a missing one makes the setup unsupported.
const FEATURES: [string, (w: EnvSource) => boolean][] = [
  ['fetch', () => typeof fetch === 'function'],
  ['promise', () => typeof Promise === 'function'],
  ['shadow-dom', () => typeof Element !== 'undefined' && 'attachShadow' in Element.prototype],
  ['intl', () => typeof Intl === 'object' && typeof Intl.DateTimeFormat === 'function'],
];

/**
 * Collects the environment report shown to the user and sent with the ticket: no cookie values,
 * no storage contents. `serverDate` is the API's `Date` header (ms) seen at `now`, for clock skew.
 * Browser, OS and device type are what the server read from the same user agent (`detected`, from
 * GET /v1/widget/config), so the widget ships no user-agent parsing; absent while it is unknown.
 */
export function collectEnvironment(
  win: EnvSource,
  {
    errors = [],
    serverDate,
    now,
    detected,
  }: { errors?: string[]; serverDate?: number; now: number; detected?: WidgetEnvironment | undefined },
): EnvironmentReport {
  const nav = win.navigator;
  const ua = nav.userAgent.slice(0, 512);
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }
  const size = (w: number, h: number) => ({ width: Math.round(w) || 0, height: Math.round(h) || 0 });
  return {
    userAgent: ua,
    browser: detected?.browser,
    os: detected?.os,
    deviceType: detected?.deviceType,
    viewport: size(win.innerWidth, win.innerHeight),
    screen: size(win.screen?.width ?? 0, win.screen?.height ?? 0),
    devicePixelRatio: Math.min(16, win.devicePixelRatio || 1),
    language: (nav.language || '').slice(0, 35),
    timeZone,
    // Positive when the device clock is ahead of the server; the Date header has 1 s resolution.
    clockSkewMs: serverDate === undefined ? undefined : Math.round(now - serverDate),
    online: nav.onLine,
    cookiesEnabled: nav.cookieEnabled,
    storageAvailable: storageWorks(win),
    missingFeatures: FEATURES.filter(([, has]) => !has(win)).map(([name]) => name),
    recentErrors: errors.slice(-10).map((e) => e.slice(0, 500)),
  };
}
