import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('the Workers test pool environment', () => {
  it("holds only wrangler.toml's [vars] and the test bindings, whatever a local .dev.vars says", () => {
    const strings = Object.entries(env)
      // TEST_NOW is bound only when a run asks for it (test/worker/test-now.ts).
      .filter(([k, v]) => typeof v === 'string' && k !== 'TEST_NOW')
      .map(([k]) => k)
      .sort();
    expect(strings).toEqual(['ADMIN_SECRET', 'ENVIRONMENT', 'PUBLIC_BASE_URL', 'SUPPORT_EMAIL_DOMAIN']);
    expect(env.ADMIN_SECRET).toBe('test-admin-secret');
    expect(env.ENVIRONMENT).toBe('development');
    expect(env.SUPPORT_EMAIL_DOMAIN).toBe('support.kinobi.example');
    expect(env.PUBLIC_BASE_URL).toBe('http://127.0.0.1:8787');
  });
});
