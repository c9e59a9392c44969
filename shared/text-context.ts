/**
 * Where a phrase stands in a message: denied ("bukan phishing", "no data was leaked") or asked
 * about ("apakah aman?"), so that mentioning a word is not taken for reporting it. Text is
 * expected lower-cased.
 */

/** Words that deny what follows them within a few words, Indonesian and English. */
export const NEGATORS = new Set([
  'tidak',
  'tak',
  'bukan',
  'belum',
  'tanpa',
  'nggak',
  'gak',
  'enggak',
  'tiada',
  'bukanlah',
  'not',
  'no',
  'never',
  'without',
  'nothing',
  'none',
  "isn't",
  "wasn't",
  "weren't",
  "aren't",
  "don't",
  "didn't",
  "doesn't",
  "haven't",
  "hasn't",
  'nor',
]);

/** How many words before a phrase a negator may stand and still deny it. */
const NEGATION_WINDOW = 4;
/** Clause boundaries: a denial does not reach across them ("bukan spam: akun kami diretas"). */
const CLAUSE_END = /[.!?;:,\n—]|\b(?:but|however|although|tapi|tetapi|namun|padahal|melainkan)\b/g;
/** Sentence ends: a full stop counts only before a space or the end ("kinobi.example" is not one). */
const SENTENCE_END = /[.!?](?=\s|$)|\n/g;
const INTERROGATIVE =
  /^(?:apakah|apa|bagaimana|bagaimanakah|gimana|bisakah|dapatkah|adakah|mengapa|kenapa|how|what|is|are|does|do|can|could|should|will|would|which|why|when|where)\b/;

function lastEnd(re: RegExp, text: string, before: number): number {
  let at = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m && m.index < before; m = re.exec(text)) at = m.index + m[0].length;
  return at;
}

/** True when a negator stands within a few words before `index` in the same clause. */
export function isNegated(text: string, index: number): boolean {
  const clause = text.slice(lastEnd(CLAUSE_END, text, index), index);
  const words = clause.split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean);
  return words.slice(-NEGATION_WINDOW).some((w) => NEGATORS.has(w.replace('’', "'")));
}

/** Conditionals: what follows them in the clause is supposed, not reported. */
const CONDITIONAL = /\b(?:jika|apabila|seandainya|andaikan|misalnya|if|in\s+case|suppose|supposing)\b/g;
/** Verbs after which "if"/"apakah" asks to check a suspicion ("please check if we were hacked"): a report. */
const CHECK_BEFORE =
  /\b(?:check|see|know|confirm|verify|investigate|tell\s+us|wonder|sure|cek|periksa|pastikan|selidiki|tahu)\s+$/;

/**
 * True when a conditional opens the clause before `index` ("if one of our accounts got hacked",
 * "jika terjadi kebocoran"), except after a verb of checking ("check if our account was hacked"
 * reports a suspicion).
 */
export function isHypothetical(text: string, index: number): boolean {
  const from = lastEnd(CLAUSE_END, text, index);
  const clause = text.slice(from, index);
  CONDITIONAL.lastIndex = 0;
  for (let m = CONDITIONAL.exec(clause); m; m = CONDITIONAL.exec(clause))
    if (!CHECK_BEFORE.test(clause.slice(0, m.index))) return true;
  return false;
}

/** The sentence holding [index, end): from the last sentence end before it to the next one after it. */
export function sentenceAt(text: string, index: number, end: number): string {
  const start = lastEnd(SENTENCE_END, text, index);
  SENTENCE_END.lastIndex = end;
  const stop = SENTENCE_END.exec(text);
  return text.slice(start, stop ? stop.index + stop[0].length : text.length);
}

/**
 * True when the sentence holding [index, end) is a question: it ends with "?", or it opens with
 * a question word and has no full stop (e.g. "how do I enable 2FA").
 */
export function isQuestion(text: string, index: number, end: number): boolean {
  const start = lastEnd(SENTENCE_END, text, index);
  SENTENCE_END.lastIndex = end;
  const stop = SENTENCE_END.exec(text);
  if (stop?.[0] === '?') return true;
  return stop === null && INTERROGATIVE.test(text.slice(start).trimStart());
}
