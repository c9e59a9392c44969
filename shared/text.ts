import { z } from 'zod';

/**
 * Which characters a text field accepts. Policy (issue 11): every character except
 * - C0 controls U+0000–U+001F, other than tab (U+0009), line feed (U+000A) and a carriage return
 *   directly followed by a line feed (CRLF, what browsers send for a textarea in a form); a lone
 *   CR is refused (it rewrites lines in logs and terminals);
 * - DEL U+007F and the C1 controls U+0080–U+009F;
 * - the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069
 *   ("Trojan Source": they make a subject or a name read differently from what it is). The
 *   bidi *marks* U+200E, U+200F and U+061C stay allowed: Arabic and Hebrew text needs them;
 * - the line and paragraph separators U+2028 and U+2029 (invisible line breaks that are not \n);
 * - unpaired UTF-16 surrogates (JSON can carry them; they are no text and do not encode to UTF-8).
 * Zero-width joiners (emoji), BOM, tabs and all printable text in any script are accepted.
 * With `multiline: false` (subjects, names, single-line fields) line feeds and CR are refused too.
 */
export type TextPolicy = { multiline?: boolean };

/** The first character a text field refuses: where it is (UTF-16 index), its code point and why. */
export type UnsafeChar = {
  index: number;
  codePoint: number;
  kind: 'control' | 'line_break' | 'bidi_control' | 'separator' | 'lone_surrogate';
};

/** `U+0000` form of a code point. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function classify(cp: number, next: number | undefined, multiline: boolean): UnsafeChar['kind'] | null {
  if (cp === 0x09) return null;
  if (cp === 0x0a) return multiline ? null : 'line_break';
  if (cp === 0x0d) return multiline && next === 0x0a ? null : 'line_break';
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidi_control';
  if (cp === 0x2028 || cp === 0x2029) return 'separator';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'lone_surrogate'; // codePointAt pairs valid surrogates
  return null;
}

/** The first character `text` may not contain under `policy` (see TextPolicy), or null when it is safe. */
export function findUnsafeChar(text: string, { multiline = true }: TextPolicy = {}): UnsafeChar | null {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number;
    const kind = classify(cp, text.charCodeAt(i + 1), multiline);
    if (kind) return { index: i, codePoint: cp, kind };
    if (cp > 0xffff) i++; // the low surrogate of a valid pair
  }
  return null;
}

/** True when `text` holds no character TextPolicy refuses. */
export function isSafeText(text: string, policy: TextPolicy = {}): boolean {
  return findUnsafeChar(text, policy) === null;
}

/** The validation message for an unsafe character (English, as the API's other messages). */
export function unsafeCharMessage(found: UnsafeChar): string {
  const what =
    found.kind === 'line_break'
      ? 'a line break (not allowed here)'
      : found.kind === 'lone_surrogate'
        ? 'an unpaired surrogate'
        : `a control character (${codePointLabel(found.codePoint)})`;
  return `Contains ${what} at position ${found.index}; only printable text, tabs and line breaks are allowed.`;
}

/**
 * A zod check that refuses what TextPolicy refuses, with one `custom` issue carrying
 * `params: { codePoint, index, kind }`. Use it as `z.string().check(noControlChars())`.
 */
export function noControlChars(policy: TextPolicy = {}) {
  return z.superRefine<string>((value, ctx) => {
    const found = findUnsafeChar(value, policy);
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: unsafeCharMessage(found),
        params: { codePoint: codePointLabel(found.codePoint), index: found.index, kind: found.kind },
      });
    }
  });
}

/**
 * A trimmed text field of at most `max` characters without unsafe characters: the drop-in for
 * shared/schema.ts's `text(max)` (`z.string().trim().max(max)`), still a ZodString, so `.min(1)`
 * and `.optional()` chain as before and OpenAPI sees a plain string.
 */
export function safeText(max: number, policy: TextPolicy = {}): z.ZodString {
  return z.string().trim().max(max).check(noControlChars(policy));
}
