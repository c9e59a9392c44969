// Precision and recall of the e-mail triage rules (shared/email-triage.ts) on the labelled set in
// test/fixtures/triage-labelled.ts: severity 1, and the security_incident flag. Measured, not quoted.
import { TRIAGE_LABELLED } from '../../test/fixtures/triage-labelled';
import { type BinaryScore, scoreTriage } from '../../test/fixtures/triage-score';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, s: BinaryScore) =>
  `${name}: precision ${pct(s.precision)} (${s.tp}/${s.tp + s.fp}), recall ${pct(s.recall)} (${s.tp}/${s.tp + s.fn})`;

const score = scoreTriage(TRIAGE_LABELLED);
const langs = {
  id: TRIAGE_LABELLED.filter((e) => e.lang === 'id').length,
  en: TRIAGE_LABELLED.filter((e) => e.lang === 'en').length,
};
console.log(`labelled e-mails: ${score.total} (${langs.id} Indonesian, ${langs.en} English)`);
console.log(line('severity 1', score.severity1));
console.log(line('security_incident', score.security));
console.log(`severity exactly right: ${pct(score.severityAccuracy)}`);
if (process.argv.includes('--misses') || process.env.TRIAGE_MISSES) {
  for (const m of score.misses)
    console.log(`  expected ${m.expected}, got ${m.got}: ${m.subject} | ${m.text.replace(/\n/g, ' ')}`);
} else console.log(`${score.misses.length} misses (TRIAGE_MISSES=1 lists them)`);
