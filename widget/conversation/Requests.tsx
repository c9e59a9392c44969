import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { ATTACHMENT_ACCEPT, formatFileSize, MAX_ATTACHMENT_BYTES } from '../../shared/attachments';
import type {
  AttachmentSummary,
  ConversationItem,
  ConversationListSchema,
  ConversationPageSchema,
} from '../../shared/conversation-schema';
import type { Locale } from '../../shared/schema';
import type { ApiClient } from '../api';
import { fill } from '../fill';
import { tag, zoneLabel } from '../format';
import { backoffMs, createOutbox, isRetryable } from '../queue';
import { repliesKey, ticketsKey } from '../storage-keys';
import { readTickets } from '../tickets';
import { convoStrings } from './strings';

type Summary = z.infer<typeof ConversationListSchema>['conversations'][number];
type Page = z.infer<typeof ConversationPageSchema>;

/** A reply waiting to be sent; `id` is its Idempotency-Key, kept for every retry. */
export interface ReplyItem {
  id: string;
  ticket: string;
  body: string;
  /** Files uploaded before the reply was queued (their ids; the bytes are on the server already). */
  attachments?: string[];
  attempts: number;
  nextAt: number;
}

/** This view's styles, added to the panel's shadow root when it first shows (a constructable sheet: CSP-safe). */
const CSS =
  '.requests,.thread{list-style:none;margin:0;padding:0}.requests li,.thread li{margin:0 0 12px}' +
  '.requests .link{text-align:start;padding:0}.meta{display:block;color:var(--k-muted);font-size:.875em}' +
  '.thread p{margin:4px 0 0;white-space:pre-wrap;overflow-wrap:anywhere}' +
  '.thread .customer{border-inline-start:3px solid #1d4ed8;padding-inline-start:8px}' +
  '.thread .agent{border-inline-start:3px solid #6b7280;padding-inline-start:8px}' +
  '.thread textarea,.field textarea{width:100%;box-sizing:border-box}.files{margin:4px 0 0;padding-inline-start:18px}';
let styled = false;
function style(el: Node | null | undefined): void {
  const root = el?.getRootNode();
  if (styled || !(root instanceof ShadowRoot)) return;
  styled = true;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // no constructable stylesheets: the view stays usable with the panel's styles
  }
}

const unreadOf = (list: Summary[]) => list.reduce((n, t) => n + t.unread, 0);

/** Reads of an open conversation while the tab is visible. */
export const POLL_MS = 12_000;

export interface RequestsProps {
  api: ApiClient;
  widgetKey: string;
  /** The identity token from `identify({ token })`: that user's requests on every device. */
  identity?: string;
  /** Whose held tickets the list shows (identity.ts ownerOf); all the device holds when absent. */
  owner?: string;
  storage?: Storage;
  win: Pick<Window, 'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout'> & {
    navigator: Pick<Navigator, 'onLine'>;
  };
  doc?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  now: () => number;
  newId: () => string;
  locale: Locale;
  /** Back to the form. */
  onBack: () => void;
  /** The panel's options (spread in by App): `api` is where downloads are fetched from. */
  options?: { api: string };
  /** Downloads need the bytes, which ApiClient (JSON only) does not give; tests pass their own. */
  fetchImpl?: typeof fetch;
  /** Told the unread replies left across the list, so the launcher's badge follows (bridge setUnread). */
  onUnread?: (n: number) => void;
}

/**
 * "My requests" (issue 13), its own lazy chunk: the user's requests (the tickets this device holds and,
 * with an identity token, that user's on every device), then one conversation with a reply box. An open
 * conversation is read by cursor every 12 s while the tab is visible, not at all while it is hidden (a
 * read marks replies seen, which would stop their email), and at once after `online` or when the tab
 * becomes visible again, so nothing is missed. Replies go through an outbox like requests: stored
 * first, sent with one Idempotency-Key until the API answers.
 */
export function Requests(p: RequestsProps) {
  const { api, win, now, storage } = p;
  const doc = p.doc ?? document;
  const s = convoStrings[p.locale];
  const [list, setList] = useState<Summary[] | null>();
  const [openId, setOpenId] = useState<string>();
  const [page, setPage] = useState<Page['ticket']>();
  const [items, setItems] = useState<ConversationItem[]>([]);
  const [live, setLive] = useState('');
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // One Idempotency-Key per chosen file: sending again after a failure never stores it twice.
  const fileKey = useRef('');
  const replies = useMemo(() => createOutbox<ReplyItem>(storage, repliesKey(p.widgetKey)), [p.widgetKey]);
  const [pending, setPending] = useState(replies.list);
  const cursor = useRef<string>(undefined);
  const reading = useRef<Promise<void>>(undefined);
  const inFlight = useRef(new Set<string>());
  const timer = useRef<number>(undefined);
  const focus = useRef(true);
  const root = useRef<HTMLDivElement>(null);
  const held = () => readTickets(storage, ticketsKey(p.widgetKey));
  const who = (): Record<string, string> => (p.identity ? { 'X-Kinobi-Identity': p.identity } : {});
  const forTicket = (id: string): Record<string, string> => {
    const token = held()[id];
    return token ? { ...who(), 'X-Ticket-Token': token } : who();
  };
  // in the browser's zone, named as the result screen names it (WIB, WITA, WIT; else Intl's "GMT+8")
  const zone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const when = (iso: string) => {
    const at = new Date(iso);
    const text = at.toLocaleString(tag(p.locale), { dateStyle: 'medium', timeStyle: 'short' });
    return `${text} ${zoneLabel(zone, p.locale, at)}`;
  };

  const loadList = () => {
    setList(undefined);
    const tokens = Object.entries(readTickets(storage, ticketsKey(p.widgetKey), p.owner))
      .map(([id, t]) => `${id}:${t}`)
      .join(',');
    void api
      .call<{ conversations: Summary[] }>('/v1/conversations', {
        headers: tokens ? { ...who(), 'X-Ticket-Tokens': tokens } : who(),
      })
      .then((r) => {
        const found = r.ok ? r.data.conversations : r.status === 401 ? [] : null;
        setList(found);
        if (found) p.onUnread?.(unreadOf(found));
      });
  };
  useEffect(loadList, [p.identity, p.owner]);

  /** Reads what came after the cursor; one read at a time, so the cursor only moves forward. */
  const read = (id: string): Promise<void> =>
    (reading.current ??= api
      .call<Page>(
        `/v1/tickets/${encodeURIComponent(id)}/conversation${cursor.current ? `?after=${encodeURIComponent(cursor.current)}` : ''}`,
        { headers: forTicket(id) },
      )
      .then((r) => {
        if (!r.ok) return;
        const first = cursor.current === undefined;
        cursor.current = r.data.cursor;
        setPage(r.data.ticket);
        const fresh = r.data.items;
        setItems((old) => [...old, ...fresh.filter((i) => !old.some((o) => o.id === i.id))]);
        const agent = fresh.filter((i) => i.kind === 'message' && i.from === 'agent').pop();
        if (!first && agent?.kind === 'message')
          setLive(fill(s.newReply, { name: agent.name, body: agent.body }));
      })
      .finally(() => {
        reading.current = undefined;
      }));

  // Polling while a conversation is open and the tab visible; a catch-up read on wake and reconnect.
  useEffect(() => {
    if (!openId) return;
    let poll: number | undefined;
    const tick = () => {
      win.clearTimeout(poll);
      if (doc.visibilityState === 'hidden') return;
      void read(openId).finally(() => {
        win.clearTimeout(poll);
        if (doc.visibilityState !== 'hidden') poll = win.setTimeout(tick, POLL_MS) as unknown as number;
      });
    };
    tick();
    win.addEventListener('online', tick);
    doc.addEventListener('visibilitychange', tick);
    return () => {
      win.clearTimeout(poll);
      win.removeEventListener('online', tick);
      doc.removeEventListener('visibilitychange', tick);
    };
  }, [openId]);

  async function send(item: ReplyItem, force = false): Promise<void> {
    if (inFlight.current.has(item.id) || (!force && item.nextAt > now())) return;
    inFlight.current.add(item.id);
    const r = await api
      .call(`/v1/tickets/${encodeURIComponent(item.ticket)}/messages`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': item.id,
          ...forTicket(item.ticket),
        },
        body: JSON.stringify(
          item.attachments ? { body: item.body, attachments: item.attachments } : { body: item.body },
        ),
      })
      .finally(() => inFlight.current.delete(item.id));
    if (!r.ok && r.error?.code === 'invalid_attachment' && item.attachments) {
      // The upload is gone (a reply queued offline past the server's window for files): the words
      // still go, without the file, under a new key (the old one is bound to the request with it).
      setError(s.fileGone);
      const words = { id: p.newId(), ticket: item.ticket, body: item.body, attempts: 0, nextAt: now() };
      replies.put(words);
      replies.remove(item.id);
      setPending(replies.list());
      return send(words, true);
    }
    if (r.ok || !isRetryable(r.status)) {
      replies.remove(item.id);
      if (!r.ok) {
        setError(fill(s.replyFailed, { code: r.error?.code ?? r.status }));
        // Refused for good: the text goes back into its ticket's composer rather than being lost.
        if (item.ticket === openRef.current) setDraft((d) => d || item.body);
      }
      // read-your-own-write: the reply is in the next read
      else if (item.ticket === openRef.current) void read(item.ticket);
    } else {
      const attempts = win.navigator.onLine === false ? item.attempts : item.attempts + 1;
      replies.put({ ...item, attempts, nextAt: now() + backoffMs(attempts, r.retryAfterMs) });
    }
    setPending(replies.list());
    schedule();
  }
  const openRef = useRef(openId);
  openRef.current = openId;
  function schedule(): void {
    win.clearTimeout(timer.current);
    const next = replies.list();
    if (next.length)
      timer.current = win.setTimeout(
        () => flush(),
        Math.max(0, Math.min(...next.map((i) => i.nextAt)) - now()),
      ) as unknown as number;
  }
  const flush = (force = false) => {
    for (const item of replies.list()) void send(item, force);
  };
  useEffect(() => {
    const back = () => flush(true);
    win.addEventListener('online', back);
    flush(true);
    return () => {
      win.removeEventListener('online', back);
      win.clearTimeout(timer.current);
    };
  }, []);

  useLayoutEffect(() => {
    style(root.current);
    if (!focus.current) return;
    focus.current = false;
    root.current?.querySelector<HTMLElement>('h3')?.focus();
  });
  const show = (id?: string) => {
    cursor.current = undefined;
    setItems([]);
    setPage(undefined);
    setLive('');
    setError('');
    setOpenId(id);
    // reading a conversation marks its replies seen
    if (id && list) p.onUnread?.(unreadOf(list.filter((t) => t.id !== id)));
    focus.current = true;
    if (!id) loadList();
  };

  const region = (
    <p class="sr" role="status" aria-live="polite">
      {live}
    </p>
  );
  if (!openId) {
    return (
      <div class="main">
        <div class="body" ref={root}>
          {region}
          <h3 tabIndex={-1}>{s.title}</h3>
          {list === undefined && <p>{s.loading}</p>}
          {list === null && (
            <p class="error" role="alert">
              {s.loadFailed}
            </p>
          )}
          {list?.length === 0 && <p>{s.none}</p>}
          {!!list?.length && (
            <ul class="requests">
              {list.map((t) => (
                <li key={t.id}>
                  <button type="button" class="link" onClick={() => show(t.id)}>
                    {fill(s.number, { number: t.number })} {t.subject}
                  </button>
                  <span class="meta">
                    {s[`st_${t.status}`]} · {fill(s.updated, { time: when(t.lastActivityAt) })}
                    {t.unread > 0 && <strong> · {fill(s.unread, { n: t.unread })}</strong>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <footer>
          <button type="button" onClick={p.onBack}>
            {s.back}
          </button>
          {list === null && (
            <button type="button" class="primary" onClick={loadList}>
              {s.retry}
            </button>
          )}
        </footer>
      </div>
    );
  }
  const mine = pending.filter((r) => r.ticket === openId);
  // the device that sent it holds its token; a signed user proves it by identity on any device
  const canReply = !!held()[openId] || !!p.identity;
  /**
   * The file goes up first (it is too large for the outbox in localStorage), under its own
   * Idempotency-Key; the reply that names it then goes through the outbox like any other.
   */
  const upload = async (f: File): Promise<string | undefined> => {
    if (f.size > MAX_ATTACHMENT_BYTES) return void setError(s.fileTooLarge);
    setBusy(true);
    const r = await api
      .call<AttachmentSummary>(`/v1/tickets/${encodeURIComponent(openId)}/attachments`, {
        method: 'POST',
        headers: {
          ...forTicket(openId),
          'Content-Type': f.type || 'application/octet-stream',
          'X-Filename': encodeURIComponent(f.name),
          'Idempotency-Key': fileKey.current,
        },
        body: f,
      })
      .finally(() => setBusy(false));
    if (r.ok) return r.data.id;
    setError(r.status === 413 ? s.fileTooLarge : r.status === 415 ? s.fileRefused : s.fileFailed);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = draft.trim();
    if (!body || busy) return;
    setError('');
    const id = file ? await upload(file) : undefined;
    if (file && !id) return;
    const item: ReplyItem = {
      id: p.newId(),
      ticket: openId,
      body,
      ...(id ? { attachments: [id] } : {}),
      attempts: 0,
      nextAt: now(),
    };
    replies.put(item);
    setPending(replies.list());
    setDraft('');
    setFile(undefined);
    if (fileInput.current) fileInput.current.value = '';
    void send(item, true);
  };
  /** Fetches a file with this ticket's proof and saves it (a download: the server never serves it inline). */
  const save = async (a: AttachmentSummary) => {
    const res = await (p.fetchImpl ?? fetch)(
      `${p.options?.api ?? ''}/v1/attachments/${encodeURIComponent(a.id)}`,
      {
        headers: { 'X-Kinobi-Key': p.widgetKey, ...forTicket(openId) },
      },
    ).catch(() => undefined);
    if (!res?.ok) return setError(s.downloadFailed);
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = a.name;
    link.click();
    win.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <form class="main" noValidate onSubmit={submit}>
      <div class="body" ref={root}>
        {region}
        <h3 tabIndex={-1}>
          {page ? `${fill(s.number, { number: page.number })} ${page.subject}` : s.thread}
        </h3>
        {page && <p class="meta">{fill(s.statusIs, { status: s[`st_${page.status}`] })}</p>}
        <ol class="thread" aria-label={s.thread}>
          {items.map((i) =>
            i.kind === 'message' ? (
              <li key={i.id} class={i.from}>
                <strong>{i.from === 'customer' ? s.you : i.name}</strong>{' '}
                <span class="meta">{when(i.createdAt)}</span>
                <p>{i.body}</p>
                {i.attachments && (
                  <ul class="files" aria-label={s.files}>
                    {i.attachments.map((a) => (
                      <li key={a.id}>
                        <a
                          href={`#${a.id}`}
                          onClick={(e) => {
                            e.preventDefault();
                            void save(a);
                          }}
                        >
                          {a.name}
                        </a>{' '}
                        <span class="meta">{formatFileSize(a.size, p.locale)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ) : (
              <li key={i.id} class="meta">
                {fill(s.statusIs, { status: s[`st_${i.status}`] })} · {when(i.createdAt)}
              </li>
            ),
          )}
          {mine.map((r) => (
            <li key={r.id} class="customer">
              <strong>{s.you}</strong>{' '}
              <span class="meta">
                {r.attempts || win.navigator.onLine === false ? s.replyQueued : s.replySending}
              </span>
              <p>{r.body}</p>
            </li>
          ))}
        </ol>
        {page && !items.some((i) => i.kind === 'message' && i.from === 'agent') && <p>{s.empty}</p>}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {canReply ? (
          <div class="field">
            <label for="k-reply">{s.reply}</label>
            <textarea
              id="k-reply"
              rows={3}
              maxLength={10000}
              value={draft}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
            <label for="k-file">{s.file}</label>
            <input
              id="k-file"
              type="file"
              ref={fileInput}
              accept={ATTACHMENT_ACCEPT}
              aria-describedby="k-file-hint"
              onChange={(e) => {
                fileKey.current = p.newId();
                setFile(e.currentTarget.files?.[0]);
              }}
            />
            <p class="hint" id="k-file-hint">
              {s.fileHint}
            </p>
          </div>
        ) : (
          <p class="hint">{s.noToken}</p>
        )}
      </div>
      <footer>
        <button type="button" onClick={() => show()}>
          {s.back}
        </button>
        {canReply && (
          <button type="submit" class="primary" aria-disabled={busy}>
            {busy ? s.uploading : s.send}
          </button>
        )}
      </footer>
    </form>
  );
}
