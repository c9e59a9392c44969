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
});
