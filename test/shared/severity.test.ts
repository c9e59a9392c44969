import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Affected, Category, Impact, Severity, Workaround } from '../../shared/schema';
import { AffectedSchema, CategorySchema, WorkaroundSchema } from '../../shared/schema';
import { classifySeverity, SEVERITY_TABLE, severityOf } from '../../shared/severity';

// The expected table, written out independently of the module: [affected, workaround, severity].
const CELLS: [Affected, Workaround, Severity][] = [
  ['service_unavailable', 'none', 1],
  ['service_unavailable', 'limited', 1],
  ['service_unavailable', 'reasonable', 2],
  ['main_function_degraded', 'none', 2],
  ['main_function_degraded', 'limited', 2],
  ['main_function_degraded', 'reasonable', 3],
  ['non_critical_or_intermittent', 'none', 3],
  ['non_critical_or_intermittent', 'limited', 3],
  ['non_critical_or_intermittent', 'reasonable', 3],
  ['question_or_cosmetic', 'none', 4],
  ['question_or_cosmetic', 'limited', 4],
  ['question_or_cosmetic', 'reasonable', 4],
];

const impactArb = fc.record({
  affected: fc.constantFrom(...AffectedSchema.options),
  workaround: fc.constantFrom(...WorkaroundSchema.options),
});

describe('SEVERITY_TABLE', () => {
  it('has exactly the 12 cells of 4 answers to "what is affected" x 3 to "is there a workaround"', () => {
    expect(Object.keys(SEVERITY_TABLE).sort()).toEqual([...AffectedSchema.options].sort());
    for (const row of Object.values(SEVERITY_TABLE)) {
      expect(Object.keys(row).sort()).toEqual([...WorkaroundSchema.options].sort());
    }
    expect(CELLS).toHaveLength(12);
  });
});

describe('classifySeverity for a problem with impact answers', () => {
  it.each(CELLS)('%s with workaround %s is severity %i', (affected, workaround, severity) => {
    const result = classifySeverity({ category: 'problem', impact: { affected, workaround } });
    expect(result).toEqual({ severity, rule: `table:${affected}/${workaround}`, flags: [] });
    expect(SEVERITY_TABLE[affected][workaround]).toEqual({
      severity,
      rule: `table:${affected}/${workaround}`,
    });
  });

  it('never rates a case less severe when the workaround gets worse', () => {
    const order: Workaround[] = ['reasonable', 'limited', 'none'];
    for (const affected of AffectedSchema.options) {
      const levels = order.map((workaround) => SEVERITY_TABLE[affected][workaround].severity);
      expect(levels).toEqual([...levels].sort().reverse());
    }
  });

  it('never rates a case less severe when more is affected', () => {
    for (const workaround of WorkaroundSchema.options) {
      const levels = AffectedSchema.options.map((affected) => SEVERITY_TABLE[affected][workaround].severity);
      expect(levels).toEqual([...levels].sort());
    }
  });
});

describe('classifySeverity by category', () => {
  it('makes a security incident severity 1, flagged, whatever the impact answers say', () => {
    fc.assert(
      fc.property(fc.option(impactArb, { nil: undefined }), (impact) => {
        const input: { category: Category; impact?: Impact } = { category: 'security_incident' };
        if (impact) input.impact = impact;
        expect(classifySeverity(input)).toEqual({
          severity: 1,
          rule: 'security_incident',
          flags: ['security_incident'],
        });
      }),
    );
  });

  it.each(['question', 'feature_request'] as const)(
    'makes a %s severity 4 even with impact answers',
    (category) => {
      expect(classifySeverity({ category })).toEqual({
        severity: 4,
        rule: `category:${category}`,
        flags: [],
      });
      const outage = classifySeverity({
        category,
        impact: { affected: 'service_unavailable', workaround: 'none' },
      });
      expect(outage).toEqual({ severity: 4, rule: `category:${category}`, flags: [] });
    },
  );

  it('makes professional services without impact answers severity 4', () => {
    expect(classifySeverity({ category: 'professional_services' })).toEqual({
      severity: 4,
      rule: 'category:professional_services',
      flags: [],
    });
  });

  it('honours impact answers on a professional-services request', () => {
    const result = classifySeverity({
      category: 'professional_services',
      impact: { affected: 'main_function_degraded', workaround: 'limited' },
    });
    expect(result).toEqual({ severity: 2, rule: 'table:main_function_degraded/limited', flags: [] });
  });

  it('gives a problem without impact answers severity 3 and flags it for triage', () => {
    expect(classifySeverity({ category: 'problem' })).toEqual({
      severity: 3,
      rule: 'default:problem_without_impact',
      flags: ['needs_triage'],
    });
  });

  it('always returns a severity from 1 to 4 and a non-empty rule id', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CategorySchema.options),
        fc.option(impactArb, { nil: undefined }),
        (c, i) => {
          const result = classifySeverity(i ? { category: c, impact: i } : { category: c });
          expect([1, 2, 3, 4]).toContain(result.severity);
          expect(result.rule).toMatch(/^[a-z_]+(:[a-z_]+(\/[a-z_]+)?)?$/);
        },
      ),
    );
  });
});

describe('severityOf', () => {
  it('gives the severity classifySeverity gives, for every category with or without impact answers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CategorySchema.options),
        fc.option(impactArb, { nil: undefined }),
        (c, i) => {
          const input = i ? { category: c, impact: i } : { category: c };
          expect(severityOf(input)).toBe(classifySeverity(input).severity);
        },
      ),
    );
  });
});
