import { fileTypeFromBuffer } from 'file-type/core';

/**
 * What an attachment may be (issue 13): at most 10 MB, and a type decided by its bytes, never by its
 * name or the client's Content-Type. Binary formats are recognised by file-type's core (maintained,
 * pure JS over a Uint8Array, runs in workerd; the widget never loads it: the server decides). Text has
 * no magic bytes, so a plain-text log is the one rule written here: valid UTF-8, no NUL byte, and not
 * markup a browser would sniff as HTML, SVG or XML.
 */

export { MAX_ATTACHMENT_BYTES } from '../../shared/attachments';

/** The types accepted, as served, with the file-name extensions that fit each. */
export const ATTACHMENT_TYPES = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/zip': ['zip'],
  'application/gzip': ['gz', 'tgz'],
  'text/plain; charset=utf-8': ['txt', 'log', 'csv', 'json', 'md', 'out', 'err', 'trace', 'yaml', 'yml'],
} as const satisfies Record<string, readonly string[]>;

/** A type attachments are stored and served as. */
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** file-type's answer → the type we serve it as; anything not listed is refused. */
const DETECTED: Record<string, AttachmentType> = {
  'image/png': 'image/png',
  // An animated PNG is a PNG to every browser.
  'image/apng': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/gif': 'image/gif',
  'image/webp': 'image/webp',
  'application/pdf': 'application/pdf',
  'application/zip': 'application/zip',
  'application/gzip': 'application/gzip',
};

/** What the bytes are: an accepted type, or refused with the detected type when one was recognised. */
export type Sniffed = { ok: true; type: AttachmentType } | { ok: false; detected: string | null };

/**
 * Starts of a text that browsers sniff as markup (WHATWG MIME Sniffing's HTML patterns, plus SVG
 * and XML), case-insensitive, after a BOM and whitespace, followed by a space or `>`.
 */
const MARKUP_START =
  /^(?:\ufeff)?[\t\n\f\r ]*<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|math|object|embed|\?xml|!--)(?=[\t\n\f\r >/]|$)/i;
/** Markup anywhere in the first KiB that can run script if a reader ever renders the text. */
const ACTIVE_MARKUP = /<(?:script|svg|iframe|object|embed)[\s>/]|<html[\s>]|<!doctype html/i;

/** Whether the bytes are a plain-text log: valid UTF-8, no NUL, no markup at the start. */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (text.includes('\u0000')) return false;
  const head = text.slice(0, 1024);
  return !MARKUP_START.test(head) && !ACTIVE_MARKUP.test(head);
}

/** Decides an attachment's type from its bytes alone. */
export async function sniffAttachment(bytes: Uint8Array): Promise<Sniffed> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const type = DETECTED[found.mime];
    return type ? { ok: true, type } : { ok: false, detected: found.mime };
  }
  return isPlainText(bytes) ? { ok: true, type: 'text/plain; charset=utf-8' } : { ok: false, detected: null };
}

/** Longest stored file name, in characters. */
export const MAX_FILENAME_LENGTH = 120;

/** C0 and C1 controls, DEL, and the bidirectional marks that make "gpj.exe" read as "exe.jpg". */
function isUnsafeChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

/**
 * A file name safe to store and send back: no path (the last segment of `/` or `\`), no control or
 * bidi characters, no leading dots, at most 120 characters keeping the extension, and an extension
 * that fits the sniffed type (one that does not gets the type's own appended: `page.html` that is a
 * PNG is saved as `page.html.png`, so no download opens as something else).
 */
export function sanitiseFilename(name: string | null | undefined, type: AttachmentType): string {
  const allowed: readonly string[] = ATTACHMENT_TYPES[type];
  const last = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let clean = [...last]
    .filter((ch) => !isUnsafeChar(ch))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!clean) clean = 'attachment';
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot + 1).toLowerCase() : '';
  const suffix = allowed.includes(ext) ? '' : `.${allowed[0]}`;
  const base = dot > 0 && !suffix ? clean.slice(0, dot) : clean;
  const tail = suffix || `.${ext}`;
  const room = MAX_FILENAME_LENGTH - tail.length;
  return `${[...base].slice(0, room).join('').trimEnd()}${tail}`;
}

/**
 * `Content-Disposition: attachment` with the name twice (RFC 6266): an ASCII `filename` for old
 * clients and the exact UTF-8 name as `filename*` (RFC 8187 percent-encoding).
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** `X-Filename` as clients send it: percent-encoded UTF-8 (raw text is taken as it is). */
export function decodeFilenameHeader(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
