import type { Flag, Severity } from './schema';

/**
 * Provisional severity of an e-mailed request (guide section 4: Kinobi sets severity from what the
 * customer reports). An email carries no impact answers, so the text decides, and every result is
 * flagged `needs_triage` for an agent to confirm. Decisions:
 * - Default 3 (rule `email:default`), the same provisional default as a widget problem without answers.
 * - Clear security-incident wording (Indonesian or English) → 1 and `security_incident`
 *   (rule `email:security_incident`), the section 11 fast path; it wins over everything else.
 * - Total-outage wording → 1 (rule `email:total_outage`): section 4 defines severity 1 as the whole
 *   service unavailable without a reasonable workaround, and a customer who writes that nobody can
 *   reach the service rarely has one. Under-rating a real outage costs two extra business hours;
 *   over-rating costs an agent a look, which `needs_triage` asks for anyway.
 *   If the text also names a workaround that exists (not "no workaround"), → 2
 *   (rule `email:total_outage_with_workaround`), as the severity table lowers an outage with one.
 * - Quoted lines (starting with `>`) are ignored: they are earlier mail, not this report.
 * - Matching is on whole words/phrases, case-insensitive; "down" counts only after a subject or
 *   verb such as "server", "is", "sedang" ("drop down menu", "download" do not).
 */

/** The provisional decision for an e-mailed ticket. */
export interface EmailTriage {
  severity: Severity;
  rule: string;
  flags: Flag[];
  /** The phrase that decided a non-default severity, for the audit event. */
  matched?: string;
}

const SECURITY = [
  // Indonesian
  /\bkebocoran\s+data\b/,
  /\bdata\s+(?:\w+\s+){0,2}(?:bocor|dicuri|diretas)\b/,
  /\b(?:di|ter)retas\b/,
  /\bperetas(?:an)?\b/,
  /\bdibobol\b/,
  /\bpembobolan\b/,
  /\bakses\s+(?:tidak\s+sah|tanpa\s+izin|ilegal)\b/,
  /\binsiden\s+keamanan\b/,
  /\bpelanggaran\s+(?:data|keamanan)\b/,
  /\bakun\s+(?:\w+\s+)?(?:diambil\s+alih|dibajak)\b/,
  // English
  /\bdata\s+breach\b/,
  /\bsecurity\s+(?:breach|incident)\b/,
  /\bhacked\b/,
  /\bunauthori[sz]ed\s+access\b/,
  /\baccount\s+takeover\b/,
  /\b(?:data|credentials?|passwords?)\s+(?:\w+\s+)?(?:leaked|stolen|exposed)\b/,
  /\bcompromised\b/,
  // Either language
  /\bphishing\b/,
  /\bransomware\b/,
  /\bmalware\b/,
];

const DOWN_SUBJECT =
  '(?:is|are|was|went|has\\s+been|goes|still|sedang|lagi|masih|sudah|sistem|aplikasi|server|website|situs|layanan|service|platform|app|site)';

const OUTAGE = [
  /\btidak\s+(?:bisa|dapat)\s+diakses\s+sama\s+sekali\b/,
  /\bsama\s+sekali\s+tidak\s+(?:bisa|dapat)\s+(?:diakses|dibuka|login|masuk)\b/,
  /\bsemua\s+(?:pengguna|user)\b[^.\n]{0,60}\btidak\s+(?:bisa|dapat)\b/,
  /\btidak\s+ada\s+(?:satu\s+pun\s+)?(?:pengguna|user)\s+yang\s+(?:bisa|dapat)\b/,
  /\blayanan\s+(?:mati|terputus)\s+total\b/,
  /\bservice\s+unavailable\b/,
  /\btotal\s+outage\b/,
  /\b(?:all|none\s+of\s+(?:our|the))\s+users\b[^.\n]{0,60}\b(?:cannot|can't|can\s+not|unable)\b/,
  /\bnobody\s+can\s+(?:log\s*in|access|reach|use)\b/,
  new RegExp(`\\b${DOWN_SUBJECT}\\s+(?:completely\\s+|totally\\s+|benar-benar\\s+|total\\s+)?down\\b`),
];

const NO_WORKAROUND = [
  /\b(?:tidak\s+ada|tanpa|belum\s+ada)\s+(?:solusi\s+sementara|workaround|cara\s+lain)\b/g,
  /\b(?:no|without(?:\s+a)?|not\s+any)\s+(?:known\s+)?workaround\b/g,
];
const WORKAROUND = [/\bsolusi\s+sementara\b/, /\bworkaround\b/, /\bcara\s+lain\b/];

/** The text without quoted lines, lower-cased. */
function ownText(subject: string, body: string): string {
  const lines = body.split(/\r?\n/).filter((line) => !/^\s*>/.test(line));
  return `${subject}\n${lines.join('\n')}`.toLowerCase();
}

function firstMatch(patterns: RegExp[], text: string): string | undefined {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/** Provisional severity of an email from its subject and body; always flagged `needs_triage`. */
export function triageEmail(input: { subject: string; text: string }): EmailTriage {
  const text = ownText(input.subject, input.text);
  const security = firstMatch(SECURITY, text);
  if (security) {
    return {
      severity: 1,
      rule: 'email:security_incident',
      flags: ['security_incident', 'needs_triage'],
      matched: security,
    };
  }
  const outage = firstMatch(OUTAGE, text);
  if (outage) {
    const withoutDenials = NO_WORKAROUND.reduce((t, re) => t.replace(re, ' '), text);
    const workaround = firstMatch(WORKAROUND, withoutDenials);
    return workaround
      ? { severity: 2, rule: 'email:total_outage_with_workaround', flags: ['needs_triage'], matched: outage }
      : { severity: 1, rule: 'email:total_outage', flags: ['needs_triage'], matched: outage };
  }
  return { severity: 3, rule: 'email:default', flags: ['needs_triage'] };
}
