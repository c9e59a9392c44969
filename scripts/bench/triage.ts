// Precision and recall of the e-mail triage rules (shared/email-triage.ts): severity 1, the
// security_incident flag and exact severity, on the tuning set (test/fixtures/triage-labelled.ts:
// the original messages and the former held-out set, shown apart) and on the fresh held-out set
// (test/fixtures/triage-fresh.ts). Measured, not quoted. TRIAGE_MISSES=1 lists the tuning set's misses; the fresh set's only with
// TRIAGE_MISSES=fresh, because reading them to change the rules would end its being held out.
import { TRIAGE_FRESH } from '../../test/fixtures/triage-fresh';
import {
  type LabelledEmail,
  TRIAGE_FORMER_HELD_OUT,
  TRIAGE_LABELLED,
} from '../../test/fixtures/triage-labelled';
import { type BinaryScore, scoreTriage } from '../../test/fixtures/triage-score';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, s: BinaryScore) =>
  `${name}: precision ${pct(s.precision)} (${s.tp}/${s.tp + s.fp}), recall ${pct(s.recall)} (${s.tp}/${s.tp + s.fn})`;

function report(name: string, set: readonly LabelledEmail[], showMisses: boolean) {
  const score = scoreTriage(set);
  const id = set.filter((e) => e.lang === 'id').length;
  console.log(`${name}: ${score.total} e-mails (${id} Indonesian, ${score.total - id} English)`);
  console.log(`  ${line('severity 1', score.severity1)}`);
  console.log(`  ${line('security_incident', score.security)}`);
  console.log(`  severity exactly right: ${pct(score.severityAccuracy)}`);
  if (showMisses) {
    for (const m of score.misses)
      console.log(`    expected ${m.expected}, got ${m.got}: ${m.subject} | ${m.text.replace(/\n/g, ' ')}`);
  } else console.log(`  ${score.misses.length} misses`);
}

const misses = process.env.TRIAGE_MISSES;
const original = TRIAGE_LABELLED.filter((e) => !TRIAGE_FORMER_HELD_OUT.includes(e));
report('tuning set, original messages (the rules were written against them)', original, Boolean(misses));
report('tuning set, former held-out messages (seen, now tuned on)', TRIAGE_FORMER_HELD_OUT, Boolean(misses));
report('fresh held-out set (never used to tune the rules)', TRIAGE_FRESH, misses === 'fresh');
