import { NO_WORKAROUND, OUTAGE, RESOLVED, WORKAROUND } from './email-triage-outage';
import { SECURITY } from './email-triage-patterns';
import type { Flag, Severity } from './schema';
import { isHypothetical, isNegated, isQuestion, sentenceAt } from './text-context';

/**
 * Provisional severity of an e-mailed request (guide section 4: Kinobi sets severity from what the
 * customer reports). An email carries no impact answers, so the text decides, and every result is
 * flagged `needs_triage` for an agent to confirm. Decisions:
 * - Default 3 (rule `email:default`), the same provisional default as a widget problem without answers.
 * - Clear security-incident wording (Indonesian or English) → 1 and `security_incident`
 *   (rule `email:security_incident`), the section 11 fast path; it wins over everything else.
 * - Clear security-incident wording also by structure (`email-triage-security.ts`): an account used
 *   by someone else, intrusion, phishing or impersonation, a credential made public, a stolen
 *   device with a session open, a hijacked session, data open without login or to another company,
 *   an attack. A "breach" in a sentence about a contract or an SLA is a legal term, not an incident.
 * - Total-outage wording → 1 (rule `email:total_outage`): section 4 defines severity 1 as the whole
 *   service unavailable without a reasonable workaround, and a customer who writes that nobody can
 *   reach the service rarely has one. Besides fixed phrases, an outage is an outage word near a
 *   scope word in one sentence ("mati … semua agen", "502 for every agent", "not load at all for
 *   anyone"; `email-triage-outage.ts`); "at all" alone counts only when said of the service, not of
 *   a button. Under-rating a real outage costs two extra business hours; over-rating costs an agent
 *   a look, which `needs_triage` asks for anyway.
 *   If the text also names a workaround that exists (not "no workaround"), → 2
 *   (rule `email:total_outage_with_workaround`), as the severity table lowers an outage with one.
 * - A sentence that says the outage is over ("sudah pulih", "the outage yesterday is resolved")
 *   reports no outage.
 * - Quoted lines (starting with `>`) are ignored: they are earlier mail, not this report.
 * - Matching is on whole words/phrases, case-insensitive; "down" counts only after a subject or
 *   verb such as "server", "is", "sedang", or near a scope word, and never as "shut down",
 *   "scroll down", "drop down menu" or "download".
 * - A phrase denied within a few words of the same clause ("bukan phishing", "tidak ada kebocoran
 *   data", "we were not hacked", "no data was leaked") reports nothing, and a message that denies a
 *   phrase does not report it by repeating it ("saya kira diretas, ternyata bukan diretas").
 * - Security wording inside a question ("apakah data kami aman dari peretasan?", "what is your
 *   process if there is a data breach?") or after a conditional in its clause ("jika ada login dari
 *   IP asing, kirim notifikasi") asks or supposes, and reports nothing; "please check if we were
 *   hacked" still reports a suspicion. Outage wording in a question still counts: "is the server down?" is how outages are often reported.
 */

/** The provisional decision for an e-mailed ticket. */
export interface EmailTriage {
  severity: Severity;
  rule: string;
  flags: Flag[];
  /** The phrase that decided a non-default severity, for the audit event. */
  matched?: string;
}

/** The body without quoted lines, lower-cased. */
function ownText(body: string): string {
  return body
    .split(/\r?\n/)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .toLowerCase();
}

function firstMatch(patterns: RegExp[], text: string): string | undefined {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/** What makes a match not count: asked about or supposed (security), or its sentence says it is over (outage). */
type Skip = (text: string, index: number, end: number) => boolean;

const asked: Skip = (text, index, end) => isQuestion(text, index, end) || isHypothetical(text, index);
const over: Skip = (text, index, end) => RESOLVED.test(sentenceAt(text, index, end));

/** How many matches of one pattern are judged; no real mail repeats a phrase more often. */
const MAX_MATCHES = 50;

/** How one text uses a pattern: not at all, or its first asserted phrase (null: only denied or skipped). */
function judge(pattern: RegExp, text: string, skip: Skip): 'absent' | string | null {
  let asserted: string | null = null;
  let seen = false;
  let count = 0;
  for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) {
    // Each match looks back to its clause start: cap them, or a pasted log is quadratic.
    if (++count > MAX_MATCHES) break;
    seen = true;
    if (isNegated(text, m.index)) return null; // a message that denies it does not report it
    if (!skip(text, m.index, m.index + m[0].length)) asserted ??= m[0];
  }
  return seen ? asserted : 'absent';
}

/**
 * The first phrase asserted (not denied, not skipped). The body speaks first; the subject counts
 * only for a pattern the body does not use at all, since a subject such as "Phishing" over a
 * question about phishing is a topic, not a report.
 */
function firstAsserted(patterns: RegExp[], subject: string, body: string, skip: Skip) {
  for (const pattern of patterns) {
    let found = judge(pattern, body, skip);
    if (found === 'absent') found = judge(pattern, subject, skip);
    if (found !== null && found !== 'absent') return found;
  }
  return undefined;
}

/**
 * How much of a mail's own text triage reads: what a customer writes about their trouble comes first,
 * and the judging of each match rescans the text before it, so a hostile 10 MiB body would cost
 * seconds of CPU (found in review: 1 MB took 6.5 s). The ticket keeps the whole text.
 */
export const TRIAGE_CHARS = 32_000;

/** Provisional severity of an email from its subject and body; always flagged `needs_triage`. */
export function triageEmail(input: { subject: string; text: string }): EmailTriage {
  const subject = input.subject.slice(0, 1_000).toLowerCase();
  const text = ownText(input.text.slice(0, 4 * TRIAGE_CHARS)).slice(0, TRIAGE_CHARS);
  const security = firstAsserted(SECURITY, subject, text, asked);
  if (security) {
    return {
      severity: 1,
      rule: 'email:security_incident',
      flags: ['security_incident', 'needs_triage'],
      matched: security,
    };
  }
  const outage = firstAsserted(OUTAGE, subject, text, over);
  if (outage) {
    const withoutDenials = NO_WORKAROUND.reduce((t, re) => t.replace(re, ' '), `${subject}\n${text}`);
    const workaround = firstMatch(WORKAROUND, withoutDenials);
    return workaround
      ? { severity: 2, rule: 'email:total_outage_with_workaround', flags: ['needs_triage'], matched: outage }
      : { severity: 1, rule: 'email:total_outage', flags: ['needs_triage'], matched: outage };
  }
  return { severity: 3, rule: 'email:default', flags: ['needs_triage'] };
}
