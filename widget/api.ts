import type {
  ErrorBody,
  WidgetConfig as FullConfig,
  ResponseTargets,
  TicketCreated,
  TicketCreateInput,
} from '../shared/schema';

/** The parts of GET /v1/widget/config the widget reads, defensively: any of them may be missing. */
export type WidgetConfig = Partial<
  Pick<FullConfig, 'tenant' | 'hours' | 'hoursText' | 'open' | 'nextOpenText' | 'coverage' | 'environment'>
>;

/** A response or a failure, never a throw: the caller decides whether to retry. */
export type ApiResult<T> =
  | { ok: true; status: number; data: T; serverDate?: number }
  | {
      ok: false;
      /** 0 when the request never got a response (offline, DNS, CORS or CSP block). */
      status: number;
      error?: ErrorBody['error'];
      retryAfterMs?: number;
      serverDate?: number;
    };

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A small client for the widget routes of the API; fetch and the clock are passed in for tests. */
export function createApiClient(
  baseUrl: string,
  key: string,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
  now: () => number = Date.now,
) {
  // The last D1 bookmark the API sent (x-d1-bookmark): sent back so a read sees this user's own writes.
  let bookmark = '';
  async function call<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
    let res: Response;
    try {
      res = await fetchImpl(baseUrl + path, {
        ...init,
        // Sent empty before the first answer: the API ignores a value that is not a bookmark.
        headers: {
          'X-Kinobi-Key': key,
          'x-d1-bookmark': bookmark,
          ...(init.headers as Record<string, string>),
        },
      });
    } catch {
      return { ok: false, status: 0 };
    }
    bookmark = res.headers.get('x-d1-bookmark') ?? bookmark;
    // No or an unreadable Date: NaN, so undefined (a byte-saving form: the widget's size budget is tight).
    const serverDate = Date.parse(res.headers.get('Date') ?? '') || undefined;
    const body = (await res.json().catch(() => undefined)) as T | ErrorBody | undefined;
    if (res.ok) return { ok: true, status: res.status, data: body as T, serverDate };
    return {
      ok: false,
      status: res.status,
      error: (body as ErrorBody | undefined)?.error,
      retryAfterMs: parseRetryAfter(res.headers.get('Retry-After'), now()),
      serverDate,
    };
  }
  // The identity token, when the host gave one: the organisation's own hours and targets apply.
  const who = (token?: string): RequestInit => (token ? { headers: { 'X-Kinobi-Identity': token } } : {});
  // The user's zone, which the server words the due and opening times in.
  const zone = (tz?: string) => (tz ? `tz=${encodeURIComponent(tz)}` : '');
  return {
    /** Any widget route (the conversation chunk's reads and replies). */
    call,
    /** Organisation (or desk) name, hours and open state, for the user of `token` when given, times worded in `tz`. */
    config: (token?: string, tz?: string) => call<WidgetConfig>(`/v1/widget/config?${zone(tz)}`, who(token)),
    /** First-response due times per severity if a ticket arrived at `at`, for the user of `token`, worded in `tz`. */
    targets: (at: Date, token?: string, tz?: string) =>
      call<ResponseTargets>(
        `/v1/response-targets?at=${encodeURIComponent(at.toISOString())}&${zone(tz)}`,
        who(token),
      ),
    /** Creates a ticket; a retry with the same idempotency key returns the same ticket. */
    createTicket: (body: TicketCreateInput, idempotencyKey: string) =>
      call<TicketCreated>('/v1/tickets', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
      }),
  };
}

/** The client's type, for components that receive it. */
export type ApiClient = ReturnType<typeof createApiClient>;
