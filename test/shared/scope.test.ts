import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flag, HostContext } from '../../shared/schema';
import { CategorySchema, ServicesKindSchema } from '../../shared/schema';
import { classifyScope, type ScopeInput } from '../../shared/scope';

const problem = (over: Partial<ScopeInput> = {}): ScopeInput => ({ category: 'problem', ...over });

describe('classifyScope', () => {
  it('keeps a plain production problem in scope with no flags', () => {
    const input = problem({
      thirdParty: { involved: false },
      environmentSupported: true,
      context: { deployment: 'production', feature: 'reports', features: { beta: ['ai-summary'] } },
    });
    expect(classifyScope(input)).toEqual({ inScope: true, flags: [], reasons: [] });
  });

  it.each(ServicesKindSchema.options)('treats a request for %s as professional services', (servicesKind) => {
    const result = classifyScope({ category: 'professional_services', servicesKind });
    expect(result.inScope).toBe(false);
    expect(result.flags).toEqual(['professional_services']);
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]).toMatch(servicesKind === 'training' ? /section 1\)/ : /section 9\)/);
  });

  it('names the kind of professional service in the reason', () => {
    const result = classifyScope({ category: 'professional_services', servicesKind: 'data_migration' });
    expect(result.reasons[0]).toContain('data migration');
  });

  it('flags professional services when only the category says so', () => {
    expect(classifyScope({ category: 'professional_services' })).toMatchObject({
      inScope: false,
      flags: ['professional_services'],
    });
  });

  it('flags professional services when a problem names a services kind', () => {
    expect(classifyScope(problem({ servicesKind: 'custom_reporting' })).flags).toEqual([
      'professional_services',
    ]);
  });

  it('flags third-party software and names it', () => {
    const result = classifyScope(problem({ thirdParty: { involved: true, name: 'Zapier' } }));
    expect(result).toMatchObject({ inScope: false, flags: ['third_party'] });
    expect(result.reasons[0]).toContain('(Zapier)');
    const unnamed = classifyScope(problem({ thirdParty: { involved: true, name: '  ' } }));
    expect(unnamed.reasons[0]).toMatch(/^Involves third-party software, which/);
  });

  it('flags an unsupported environment, but not an unknown one', () => {
    expect(classifyScope(problem({ environmentSupported: false }))).toMatchObject({
      inScope: false,
      flags: ['unsupported_environment'],
    });
    expect(classifyScope(problem({ environmentSupported: undefined })).flags).toEqual([]);
  });

  it('flags a report about a beta feature, not one about a feature that is not in beta', () => {
    const context: HostContext = { feature: 'ai-summary', features: { beta: ['ai-summary', 'kanban'] } };
    expect(classifyScope(problem({ context }))).toMatchObject({ inScope: false, flags: ['beta_feature'] });
    const ga = { ...context, feature: 'invoices' };
    expect(classifyScope(problem({ context: ga })).flags).toEqual([]);
    expect(classifyScope(problem({ context: { features: { beta: ['kanban'] } } })).flags).toEqual([]);
  });

  it.each(['pilot', 'staging', 'development'] as const)(
    'flags a %s deployment as non-production',
    (deployment) => {
      const result = classifyScope(problem({ context: { deployment } }));
      expect(result).toMatchObject({ inScope: false, flags: ['non_production'] });
      expect(result.reasons[0]).toContain(deployment);
    },
  );

  it('accumulates every flag that applies, in a fixed order, with one reason each', () => {
    const result = classifyScope({
      category: 'professional_services',
      servicesKind: 'advanced_configuration',
      thirdParty: { involved: true },
      environmentSupported: false,
      context: { deployment: 'staging', feature: 'kanban', features: { beta: ['kanban'] } },
    });
    expect(result.inScope).toBe(false);
    expect(result.flags).toEqual([
      'professional_services',
      'third_party',
      'unsupported_environment',
      'beta_feature',
      'non_production',
    ]);
    expect(result.reasons).toHaveLength(5);
  });

  it('keeps a security incident in scope whatever is flagged, but still carries the flags', () => {
    const result = classifyScope({
      category: 'security_incident',
      thirdParty: { involved: true, name: 'Okta' },
      context: { deployment: 'pilot' },
    });
    expect(result).toMatchObject({ inScope: true, flags: ['third_party', 'non_production'] });
  });

  it('flags exactly the conditions that hold, for any combination (flags never drop)', () => {
    const arb = fc.record({
      category: fc.constantFrom(...CategorySchema.options),
      servicesKind: fc.option(fc.constantFrom(...ServicesKindSchema.options), { nil: undefined }),
      thirdParty: fc.option(fc.record({ involved: fc.boolean() }), { nil: undefined }),
      environmentSupported: fc.option(fc.boolean(), { nil: undefined }),
      deployment: fc.option(
        fc.constantFrom('production', 'staging', 'development', 'pilot') as fc.Arbitrary<
          NonNullable<HostContext['deployment']>
        >,
        { nil: undefined },
      ),
      beta: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ deployment, beta, ...rest }) => {
        const context: HostContext = { feature: 'f', features: { beta: beta ? ['f'] : ['g'] } };
        if (deployment) context.deployment = deployment;
        const result = classifyScope({ ...rest, context });
        const expected: Flag[] = [];
        if (rest.category === 'professional_services' || rest.servicesKind)
          expected.push('professional_services');
        if (rest.thirdParty?.involved) expected.push('third_party');
        if (rest.environmentSupported === false) expected.push('unsupported_environment');
        if (beta) expected.push('beta_feature');
        if (deployment && deployment !== 'production') expected.push('non_production');
        expect(result.flags).toEqual(expected);
        expect(result.reasons).toHaveLength(expected.length);
        expect(result.inScope).toBe(rest.category === 'security_incident' || expected.length === 0);
      }),
    );
  });
});
