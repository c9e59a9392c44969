// Precision and recall of the e-mail triage rules (shared/email-triage.ts) on the labelled set in
// test/fixtures/triage-labelled.ts: severity 1, and the security_incident flag. Measured, not quoted.
import { TRIAGE_HELD_OUT } from '../../test/fixtures/triage-held-out';
import { type LabelledEmail, TRIAGE_LABELLED } from '../../test/fixtures/triage-labelled';
import { type BinaryScore, scoreTriage } from '../../test/fixtures/triage-score';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, s: BinaryScore) =>
  `${name}: precision ${pct(s.precision)} (${s.tp}/${s.tp + s.fp}), recall ${pct(s.recall)} (${s.tp}/${s.tp + s.fn})`;

function report(name: string, set: readonly LabelledEmail[]) {
  const score = scoreTriage(set);
  const id = set.filter((e) => e.lang === 'id').length;
  console.log(`${name}: ${score.total} e-mails (${id} Indonesian, ${score.total - id} English)`);
  console.log(`  ${line('severity 1', score.severity1)}`);
  console.log(`  ${line('security_incident', score.security)}`);
  console.log(`  severity exactly right: ${pct(score.severityAccuracy)}`);
  if (process.env.TRIAGE_MISSES) {
    for (const m of score.misses)
      console.log(`    expected ${m.expected}, got ${m.got}: ${m.subject} | ${m.text.replace(/\n/g, ' ')}`);
  } else console.log(`  ${score.misses.length} misses (TRIAGE_MISSES=1 lists them)`);
}

report('tuned set (the rules were written against it)', TRIAGE_LABELLED);
report('held-out set (never used to tune the rules)', TRIAGE_HELD_OUT);
