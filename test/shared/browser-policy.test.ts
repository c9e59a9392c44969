import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import browserslist from 'browserslist';
import { getUserAgentRegex } from 'browserslist-useragent-regexp';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_MINIMUMS,
  BROWSER_QUERY,
  BROWSER_REGEX_OPTIONS,
  POLICY_SUMMARY,
  renderSupportedBrowsersModule,
} from '../../shared/browser-policy';
import { SUPPORTED_BROWSER_QUERY, SUPPORTED_BROWSER_REGEX } from '../../shared/generated/supported-browsers';

const generatedPath = join(import.meta.dirname, '../../shared/generated/supported-browsers.ts');

describe('browser policy', () => {
  it('keeps the committed regex in step with the policy (run npm run policy:compile when this fails)', () => {
    const regex = getUserAgentRegex({ browsers: BROWSER_QUERY, ...BROWSER_REGEX_OPTIONS });
    expect(readFileSync(generatedPath, 'utf8')).toBe(renderSupportedBrowsersModule(regex, BROWSER_QUERY));
    expect(SUPPORTED_BROWSER_QUERY).toBe(BROWSER_QUERY);
    expect(SUPPORTED_BROWSER_REGEX.source).toBe(regex.source);
  });

  it('is a query browserslist resolves, starting each browser exactly at its minimum', () => {
    const resolved = browserslist(BROWSER_QUERY, { mobileToDesktop: true });
    for (const { id, minVersion } of BROWSER_MINIMUMS) {
      const versions = resolved.filter((b) => b.startsWith(`${id} `)).map((b) => b.slice(id.length + 1));
      expect(versions.length, id).toBeGreaterThan(0);
      const lowest = versions.map((v) => Number.parseFloat(v)).sort((a, b) => a - b)[0];
      expect(lowest, id).toBe(Number.parseFloat(minVersion));
    }
  });

  it('summarises every row of the policy for people', () => {
    expect(POLICY_SUMMARY).toHaveLength(BROWSER_MINIMUMS.length);
    for (const [i, row] of BROWSER_MINIMUMS.entries()) {
      expect(BROWSER_QUERY).toContain(`${row.id} >= ${row.minVersion}`);
      expect(POLICY_SUMMARY[i]).toEqual({ browser: row.browser, minVersion: row.minVersion });
    }
  });

  it('compiles to a regex small enough to ship in the widget (under 1 KB of source)', () => {
    expect(SUPPORTED_BROWSER_REGEX.source.length).toBeLessThan(1024);
  });

  it('renders a query with quotes as a valid string literal', () => {
    const text = renderSupportedBrowsersModule(/x/, "it's \\ odd");
    expect(text).toContain(String.raw`'it\'s \\ odd'`);
  });
});
