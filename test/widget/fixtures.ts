import { vi } from 'vitest';
import { userAgentVerdict } from '../../shared/environment';
import type {
  ResponseTargets,
  Severity,
  TicketCreated,
  TicketCreateInput,
  WidgetConfig,
} from '../../shared/schema';
import type { AppProps } from '../../widget/App';
import { createApiClient } from '../../widget/api';
import type { HostState, WidgetOptions } from '../../widget/bridge';
import { timeTexts, WIB } from '../../widget/format';
import { hoursTexts, STANDARD_HOURS } from '../../widget/hours';
import { stringsFor } from '../../widget/strings';

/** Monday 2026-11-30 10:00 WIB. */
export const NOW = Date.parse('2026-11-30T03:00:00Z');

/** Due times as the worker sends them: worded (here for a user in WIB, `fakeApi` words them per `tz`). */
const worded = (targets: Omit<ResponseTargets['targets'][number], 'dueText'>[]) =>
  targets.map((t) => ({ ...t, dueText: timeTexts(t.dueAt, WIB) }));

/** A response-targets body as the API would send it on Monday 30 Nov, 10:00 WIB. */
export const makeTargets = (over: Partial<ResponseTargets> = {}): ResponseTargets => ({
  at: new Date(NOW).toISOString(),
  open: true,
  nextOpenAt: new Date(NOW).toISOString(),
  nextOpenText: timeTexts(new Date(NOW).toISOString(), WIB),
  targets: worded([
    {
      severity: 1,
      businessMinutes: 120,
      clockStartsAt: '2026-11-30T03:00:00.000Z',
      dueAt: '2026-11-30T05:00:00.000Z',
    },
    {
      severity: 2,
      businessMinutes: 240,
      clockStartsAt: '2026-11-30T03:00:00.000Z',
      dueAt: '2026-11-30T07:00:00.000Z',
    },
    {
      severity: 3,
      businessMinutes: 540,
      clockStartsAt: '2026-11-30T03:00:00.000Z',
      dueAt: '2026-12-01T03:00:00.000Z',
    },
    {
      severity: 4,
      businessMinutes: 1080,
      clockStartsAt: '2026-11-30T03:00:00.000Z',
      dueAt: '2026-12-02T03:00:00.000Z',
    },
  ]),
  ...over,
});

/**
 * A widget config body as the API sends it for a tenant on the standard hours, open now; its
 * `hoursText` (and each coverage entry's) is worded from its `hours` as the worker does.
 */
export const makeConfig = (over: Partial<WidgetConfig> = {}): WidgetConfig => {
  const hours = over.hours ?? STANDARD_HOURS;
  return {
    tenant: { name: 'Demo', locale: 'id' },
    desk: { name: 'Kinobi AI' },
    organisation: { slug: 'demo', name: 'Demo', locale: 'id' },
    hours,
    hoursText: hoursTexts(hours, new Date(NOW)),
    open: true,
    nextOpenAt: new Date(NOW).toISOString(),
    nextOpenText: timeTexts(new Date(NOW).toISOString(), WIB, hours.timeZone),
    severityQuestions: {
      affected: [],
      workaround: [],
      severity: {} as WidgetConfig['severityQuestions']['severity'],
    },
    browserPolicy: [],
    environment: userAgentVerdict(CHROME_CURRENT),
    warnings: [],
    ...over,
  };
};

/** A severity's own calendar in a config, its `hoursText` worded as the worker does. */
export const makeCoverage = (
  severity: Severity,
  hours: WidgetConfig['hours'],
  open: boolean,
  nextOpenAt: string,
): NonNullable<WidgetConfig['coverage']>[number] => ({
  severity,
  hours,
  hoursText: hoursTexts(hours, new Date(NOW), severity),
  open,
  nextOpenAt,
  nextOpenText: timeTexts(nextOpenAt, WIB, hours.timeZone),
});

export const makeTicket = (over: Partial<TicketCreated> = {}): TicketCreated => ({
  id: 'tkt_1',
  number: 1042,
  severity: 2,
  severityRule: 'table:main_function_degraded/none',
  status: 'new',
  firstResponseDueAt: '2026-11-30T07:00:00.000Z',
  firstResponseDueText: timeTexts('2026-11-30T07:00:00.000Z', WIB),
  flags: [],
  inScope: true,
  accessToken: 'tok',
  ...over,
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', Date: new Date(NOW - 2000).toUTCString(), ...headers },
  });

/** One scripted answer to a ticket POST: 'ok' creates (or, for a known key, returns) the ticket. */
export type TicketReply = 'ok' | 'network-error' | (() => Response);

/**
 * The times of a config or targets body worded as the worker words them (worker/routes/widget.ts): in
 * the `tz` asked for, beside the support zone of the calendar each time is on.
 */
function wordTimes(url: URL, config: WidgetConfig | (() => Response)) {
  const tz = url.searchParams.get('tz') || WIB;
  const cfg = typeof config === 'function' ? undefined : config;
  const zone = (severity?: Severity) =>
    cfg?.coverage?.find((c) => c.severity === severity)?.hours.timeZone ?? cfg?.hours.timeZone ?? WIB;
  return {
    targets: (t: ResponseTargets): ResponseTargets => ({
      ...t,
      nextOpenText: timeTexts(t.nextOpenAt, tz, zone()),
      targets: t.targets.map((r) => ({ ...r, dueText: timeTexts(r.dueAt, tz, zone(r.severity)) })),
    }),
    config: (c: WidgetConfig): WidgetConfig => ({
      ...c,
      nextOpenText: timeTexts(c.nextOpenAt, tz, c.hours.timeZone),
      coverage: c.coverage?.map((v) => ({
        ...v,
        nextOpenText: timeTexts(v.nextOpenAt, tz, v.hours.timeZone),
      })),
    }),
  };
}

/**
 * A fake of the API's widget routes behind a fetch function: records every ticket POST and answers
 * tickets from `replies` in turn (the last one repeats). Tickets are created once per idempotency key.
 * Times are worded per request like the worker's: config and targets in `?tz=`, a ticket's due time
 * in its reported `environment.timeZone`.
 */
export function fakeApi(
  replies: TicketReply[] = ['ok'],
  targets: ResponseTargets | (() => Response) = makeTargets(),
  config: WidgetConfig | (() => Response) = makeConfig(),
) {
  const posts: { key: string; body: TicketCreateInput }[] = [];
  const created = new Map<string, TicketCreated>();
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    if (headers.get('X-Kinobi-Key') !== 'test-key')
      return json(401, { error: { code: 'unauthorized', message: 'key' } });
    const word = wordTimes(url, config);
    if (url.pathname === '/v1/response-targets')
      return typeof targets === 'function' ? targets() : json(200, word.targets(targets));
    // The server judges the browser by the User-Agent header the browser sends (makeProps adds it).
    const ua = headers.get('User-Agent');
    if (url.pathname === '/v1/widget/config')
      return typeof config === 'function'
        ? config()
        : json(200, word.config(ua === null ? config : { ...config, environment: userAgentVerdict(ua) }));
    if (url.pathname === '/v1/tickets' && init?.method === 'POST') {
      const key = headers.get('Idempotency-Key') ?? '';
      const body = JSON.parse(String(init.body)) as TicketCreateInput;
      posts.push({ key, body });
      const reply = replies[Math.min(posts.length - 1, replies.length - 1)] ?? 'ok';
      if (reply === 'network-error') throw new TypeError('Failed to fetch');
      if (reply !== 'ok') return reply();
      const existed = created.has(key);
      if (!existed) {
        const t = makeTicket({ id: `tkt_${created.size + 1}`, number: 1042 + created.size });
        const zone = body.environment?.timeZone || WIB;
        created.set(key, { ...t, firstResponseDueText: timeTexts(t.firstResponseDueAt, zone) });
      }
      return json(existed ? 200 : 201, created.get(key));
    }
    return json(404, { error: { code: 'not_found', message: 'nope' } });
  });
  return { fetchImpl, posts, created, json };
}

export { json };

export const OPTIONS: WidgetOptions = {
  key: 'test-key',
  api: 'https://support.example',
  locale: 'en',
  position: 'bottom-right',
  hideLauncher: false,
};

/** Props for <App> with a fake API, an old or current user agent and a fixed clock. */
export function makeProps(
  over: Partial<AppProps> & { fetchImpl?: typeof fetch; userAgent?: string } = {},
): AppProps {
  const { fetchImpl = fakeApi().fetchImpl as unknown as typeof fetch, userAgent, ...rest } = over;
  const state: HostState = { identity: {}, context: {}, errors: [] };
  const win = rest.win ?? makeWin(userAgent);
  // What a browser does on every request: it sends its own User-Agent, which the widget never sets.
  const browserFetch: typeof fetch = (input, init) =>
    fetchImpl(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), 'User-Agent': win.navigator.userAgent },
    });
  let n = 0;
  return {
    api: createApiClient(OPTIONS.api, OPTIONS.key, browserFetch, () => NOW),
    options: OPTIONS,
    state,
    win,
    now: () => NOW,
    newId: () => `idem-${++n}`,
    open: true,
    onClose: () => {},
    onSubmitted: () => {},
    timeZone: 'Asia/Jakarta',
    loadStrings: stringsFor,
    ...rest,
  };
}

/** A stand-in for `window` with a chosen user agent; `navigator.onLine` can be flipped by tests. */
export function makeWin(userAgent = CHROME_CURRENT) {
  return {
    navigator: { userAgent, language: 'en-US', onLine: true, cookieEnabled: true } as Navigator,
    innerWidth: 1280,
    innerHeight: 800,
    screen: { width: 1920, height: 1080 } as Screen,
    devicePixelRatio: 2,
    localStorage: window.localStorage,
    location: { href: 'https://app.example/reports/7?token=secret#row-3' },
    addEventListener: window.addEventListener.bind(window),
    removeEventListener: window.removeEventListener.bind(window),
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
  } satisfies AppProps['win'];
}

/** A current desktop Chrome; the policy supports it. */
export const CHROME_CURRENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
