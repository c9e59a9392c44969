import { describe, expect, it } from 'vitest';
import { TRIAGE_FRESH } from '../fixtures/triage-fresh';
import { TRIAGE_FORMER_HELD_OUT, TRIAGE_LABELLED } from '../fixtures/triage-labelled';
import { scoreTriage } from '../fixtures/triage-score';

describe('triageEmail on the labelled sets', () => {
  it('holds at least 100 tuned messages in both languages, every one labelled consistently', () => {
    expect(TRIAGE_LABELLED.length).toBeGreaterThanOrEqual(100);
    for (const lang of ['id', 'en'] as const) {
      expect(TRIAGE_LABELLED.filter((e) => e.lang === lang).length).toBeGreaterThanOrEqual(40);
    }
    for (const e of [...TRIAGE_LABELLED, ...TRIAGE_FRESH]) if (e.security) expect(e.severity, e.text).toBe(1);
  });

  it('tunes on the former held-out set, and keeps the fresh set apart from every tuned message', () => {
    for (const e of TRIAGE_FORMER_HELD_OUT) expect(TRIAGE_LABELLED).toContain(e);
    const tuned = new Set(TRIAGE_LABELLED.map((e) => e.text));
    for (const e of TRIAGE_FRESH) expect(tuned.has(e.text), e.text).toBe(false);
    expect(TRIAGE_FRESH.length).toBeGreaterThanOrEqual(60);
    for (const lang of ['id', 'en'] as const)
      expect(TRIAGE_FRESH.filter((e) => e.lang === lang).length).toBeGreaterThanOrEqual(30);
  });

  it('keeps precision and recall of severity 1 and security_incident at or above 95% on the tuned set', () => {
    const s = scoreTriage(TRIAGE_LABELLED);
    for (const [name, score] of [
      ['severity 1', s.severity1],
      ['security_incident', s.security],
    ] as const) {
      expect(score.precision, `${name} precision`).toBeGreaterThanOrEqual(0.95);
      expect(score.recall, `${name} recall`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('gets the severity exactly right on at least 95% of the tuned set', () => {
    expect(scoreTriage(TRIAGE_LABELLED).severityAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  // The fresh set is held out: never tuned on. Its floors sit well under what it measured when the
  // rules were finished (severity 1 precision 84.6%, recall 81.5%; security_incident precision
  // 86.7%, recall 92.9%; exact severity 75.7%), so they catch a regression, not invite tuning.
  it('keeps the fresh held-out set above floors set with margin under its measured figures', () => {
    const s = scoreTriage(TRIAGE_FRESH);
    expect(s.severity1.precision, 'severity 1 precision').toBeGreaterThanOrEqual(0.75);
    expect(s.severity1.recall, 'severity 1 recall').toBeGreaterThanOrEqual(0.7);
    expect(s.security.precision, 'security_incident precision').toBeGreaterThanOrEqual(0.75);
    expect(s.security.recall, 'security_incident recall').toBeGreaterThanOrEqual(0.8);
    expect(s.severityAccuracy, 'exact severity').toBeGreaterThanOrEqual(0.65);
  });
});
