import { detectBrowser } from '../../shared/environment';
import type { EnvironmentReport } from '../../shared/schema';
import { findUnsafeChar } from '../../shared/text';

/**
 * `text` without what the one-line text policy refuses (shared/text.ts): a header can carry C1
 * controls as Latin-1, and the user cannot fix a header that validation would refuse.
 */
function withoutUnsafeChars(text: string): string {
  let out = text;
  for (let found = findUnsafeChar(out, { multiline: false }); found; ) {
    out = out.slice(0, found.index) + out.slice(found.index + (found.codePoint > 0xffff ? 2 : 1));
    found = findUnsafeChar(out, { multiline: false });
  }
  return out;
}
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** The first language of an Accept-Language header (`id-ID,id;q=0.9,en;q=0.8` → `id-ID`), if well formed. */
export function firstLanguage(header: string | null | undefined): string | undefined {
  const tag = header?.split(',')[0]?.split(';')[0]?.trim();
  return tag && tag.length <= 35 && LANGUAGE_TAG.test(tag) ? tag : undefined;
}

/**
 * The environment report of a request that ran no script (the no-JavaScript form): what the
 * `User-Agent` and `Accept-Language` headers say, in the widget's EnvironmentReport shape, so the
 * same policy judges it (an old browser comes out `unsupported_browser`, which flags, never blocks).
 * Nothing is claimed that a header does not say (no viewport, cookies or storage).
 */
export function environmentFromHeaders(headers: Headers): EnvironmentReport {
  const userAgent = withoutUnsafeChars(headers.get('User-Agent') ?? '')
    .trim()
    .slice(0, 512);
  const found = detectBrowser(userAgent);
  const language = firstLanguage(headers.get('Accept-Language'));
  return {
    userAgent,
    ...(found.name === 'unknown'
      ? {}
      : { browser: { name: found.name.slice(0, 64), version: found.version.slice(0, 32) } }),
    ...(found.os === 'unknown' ? {} : { os: found.os }),
    deviceType: found.deviceType,
    ...(language ? { language } : {}),
  };
}
