/**
 * Two word groups near each other in one sentence, as a regular expression: a structure ("an
 * outage word near a scope word") instead of a list of every phrase that joins them. Pure.
 */

/** Words whose presence between the two groups denies the link ("the api key was not leaked"). */
const DENIAL = '(?:tidak|tak|bukan|belum|gak|nggak|enggak|not|never|no|nothing|none)';

/** Up to `gap` characters of one clause, never a sentence end, a semicolon nor a denial word. */
export function gapWithoutDenial(gap: number): string {
  return `(?:(?!\\b${DENIAL}\\b)[^.!?;\\n]){0,${gap}}?`;
}

/** Source of a pattern matching `a` then `b`, or `b` then `a`, at most `gap` characters apart. */
export function nearSource(a: string, b: string, gap = 60): string {
  const g = gapWithoutDenial(gap);
  return `\\b(?:${a})\\b${g}\\b(?:${b})\\b|\\b(?:${b})\\b${g}\\b(?:${a})\\b`;
}

/** `a` and `b` in either order within one sentence, with no denial between them. */
export function near(a: string, b: string, gap = 60): RegExp {
  return new RegExp(nearSource(a, b, gap));
}

/** `a` then `b` in this order within one sentence, with no denial between them. */
export function before(a: string, b: string, gap = 60): RegExp {
  return new RegExp(`\\b(?:${a})\\b${gapWithoutDenial(gap)}\\b(?:${b})\\b`);
}
