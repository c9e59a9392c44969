/** @jsxImportSource hono/jsx */
import { ATTACHMENT_ACCEPT, formatFileSize } from '../../shared/attachments';
import type { ConversationItem } from '../../shared/conversation-schema';
import type { Locale } from '../../shared/schema';
import { fill } from '../../widget/fill';
import { formatDue, WIB } from '../../widget/format';
import { Page } from '../forms/Page';
import type { readConversation } from '../tickets/conversation';
import type { LinkStrings } from './strings';

type Conversation = Awaited<ReturnType<typeof readConversation>>;

/** Longest reply accepted (the API's MessageCreateSchema). */
export const MAX_REPLY_LENGTH = 10_000;

/** The page's own address in a language (relative, so a post stays on this origin). */
export const linkHref = (token: string, lang?: Locale) =>
  `/r/${encodeURIComponent(token)}${lang ? `?lang=${lang}` : ''}`;

const when = (iso: string, lang: Locale) => formatDue(iso, lang, WIB, WIB);

function Item(p: { item: ConversationItem; s: LinkStrings; lang: Locale; base: string }) {
  const { item, s, lang } = p;
  if (item.kind === 'status') {
    return (
      <li class="status">
        {fill(s.statusChanged, { status: s.statuses[item.status] })} ({when(item.createdAt, lang)})
      </li>
    );
  }
  const who = item.from === 'agent' ? `${item.name} (${s.support})` : `${item.name || s.you}`;
  return (
    <li class={item.from === 'agent' ? 'msg agent' : 'msg'}>
      <p class="meta">
        <strong>{who}</strong> · {when(item.createdAt, lang)}
      </p>
      <p class="body">{item.body}</p>
      {item.attachments && (
        <ul class="files" aria-label={s.attachments}>
          {item.attachments.map((a) => (
            <li>
              <a href={`${p.base}/attachments/${encodeURIComponent(a.id)}`} download={a.name}>
                {a.name}
              </a>{' '}
              ({formatFileSize(a.size, lang)})
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The customer's conversation page (`/r/<token>`): number, subject, status and the first-response
 * target, the thread (public messages and visible status changes only: tickets/conversation.ts) and
 * a reply form with a hidden per-page key (a double submit is one reply). No script.
 */
export function ConversationPage(p: {
  s: LinkStrings;
  lang: Locale;
  token: string;
  conversation: Conversation;
  replyKey: string;
  draft?: string;
  error?: string;
  /** Why the attached file was refused (too large, a type not accepted). */
  fileError?: string;
  sent?: boolean;
}) {
  const { s, lang, conversation: c } = p;
  const t = c.ticket;
  const other: Locale = lang === 'id' ? 'en' : 'id';
  const title = `#${t.number} ${t.subject}`;
  return (
    <Page lang={lang} title={`${s.title} ${title}`}>
      <p class="lang">
        <a href={linkHref(p.token, other)} lang={other} hreflang={other}>
          {s.otherLanguage}
        </a>
      </p>
      <h1>{title}</h1>
      <p>
        {s.ticket} #{t.number} · {s.status}: <strong>{s.statuses[t.status]}</strong>
      </p>
      <p>{fill(s.firstResponseDue, { time: when(t.firstResponseDueAt, lang) })}</p>
      {t.firstResponseAt && <p>{fill(s.firstResponseMet, { time: when(t.firstResponseAt, lang) })}</p>}
      {p.sent && (
        <p class="notice" role="status">
          {s.sent}
        </p>
      )}
      <h2>{s.thread}</h2>
      {c.items.length === 0 ? (
        <p>{s.empty}</p>
      ) : (
        <ol class="thread">
          {c.items.map((item) => (
            <Item item={item} s={s} lang={lang} base={`/r/${encodeURIComponent(p.token)}`} />
          ))}
        </ol>
      )}
      <form
        method="post"
        action={linkHref(p.token, lang)}
        accept-charset="utf-8"
        enctype="multipart/form-data"
      >
        <input type="hidden" name="replyKey" value={p.replyKey} />
        <div class={p.error ? 'field invalid' : 'field'}>
          <label for="body">{s.reply}</label>
          <span class="hint" id="body-hint">
            {s.replyHint}
          </span>
          {p.error && (
            <p class="error" id="body-error">
              {p.error}
            </p>
          )}
          <textarea
            id="body"
            name="body"
            maxlength={MAX_REPLY_LENGTH}
            aria-describedby={p.error ? 'body-hint body-error' : 'body-hint'}
            aria-invalid={p.error ? 'true' : undefined}
          >
            {p.draft ?? ''}
          </textarea>
        </div>
        <div class={p.fileError ? 'field invalid' : 'field'}>
          <label for="file">{s.file}</label>
          <span class="hint" id="file-hint">
            {s.fileHint}
          </span>
          {p.fileError && (
            <p class="error" id="file-error">
              {p.fileError}
            </p>
          )}
          <input
            type="file"
            id="file"
            name="file"
            accept={ATTACHMENT_ACCEPT}
            aria-describedby={p.fileError ? 'file-hint file-error' : 'file-hint'}
            aria-invalid={p.fileError ? 'true' : undefined}
          />
        </div>
        <button type="submit">{s.send}</button>
      </form>
    </Page>
  );
}
