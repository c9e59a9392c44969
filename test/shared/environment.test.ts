import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectBrowser, type EnvironmentFinding, evaluateEnvironment } from '../../shared/environment';
import { environmentMessage } from '../../shared/environment-messages';
import type { EnvironmentReport } from '../../shared/schema';

// Real user-agent strings, as the browsers send them.
const REJECTED: Record<string, string> = {
  'Internet Explorer 11': 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
  'Chrome 49 (Windows XP)':
    'Mozilla/5.0 (Windows NT 5.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/49.0.2623.112 Safari/537.36',
  'Safari 12 on macOS':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Safari/605.1.15',
  'Safari 12 on iOS':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1',
  'Edge 18 (EdgeHTML)':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
  'Firefox 60': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:60.0) Gecko/20100101 Firefox/60.0',
  'Safari 16.3 on macOS (no constructable stylesheets)':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.3 Safari/605.1.15',
  'Safari 16.1 on iOS':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Mobile/15E148 Safari/604.1',
  'Chrome 110':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.0.0 Safari/537.36',
  'Firefox ESR 102': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101 Firefox/102.0',
  'Samsung Internet 20':
    'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/20.0 Chrome/106.0.5249.126 Mobile Safari/537.36',
};

const ACCEPTED: Record<string, string> = {
  'current Chrome':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'current Edge':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0',
  'current Firefox': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0',
  'Firefox ESR 115': 'Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0',
  'Firefox ESR 140': 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  'Safari 16.4 on macOS':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.4 Safari/605.1.15',
  'Safari 17.6 on macOS':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  'Safari 18.5 on macOS':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
  'Safari 26 on macOS':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15',
  'Safari 17.6 on iOS':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Safari 18.5 on iOS':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  'Safari 26 on iOS (OS version in the UA frozen at 18_6)':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1',
  'Safari 18.5 on iPad':
    'Mozilla/5.0 (iPad; CPU OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  'Chrome on iOS 17.6':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/142.0.7444.77 Mobile/15E148 Safari/604.1',
  'Samsung Internet 28':
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36',
  'Chrome for Android':
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36',
  'Firefox for Android': 'Mozilla/5.0 (Android 14; Mobile; rv:145.0) Gecko/145.0 Firefox/145.0',
};

const report = (over: Partial<EnvironmentReport> = {}): EnvironmentReport => ({
  userAgent: ACCEPTED['current Chrome'] ?? '',
  ...over,
});
const codes = (findings: { code: string }[]) => findings.map((f) => f.code);
/** The agent-facing message of a finding that must be there. */
const message = (f: EnvironmentFinding | undefined) => {
  if (!f) throw new Error('no finding');
  return environmentMessage(f);
};

describe('evaluateEnvironment: the supported-browser policy', () => {
  it.each(Object.entries(REJECTED))('rejects %s', (_name, userAgent) => {
    const verdict = evaluateEnvironment(report({ userAgent }));
    expect(verdict.supported).toBe(false);
    expect(codes(verdict.reasons)).toEqual(['unsupported_browser']);
    expect(verdict.reasons).toEqual([{ code: 'unsupported_browser', userAgent }]);
    expect(message(verdict.reasons[0])).toMatch(/supported-browser policy \(Google Chrome 111\+/);
  });

  it.each(Object.entries(ACCEPTED))('accepts %s', (_name, userAgent) => {
    expect(evaluateEnvironment(report({ userAgent }))).toEqual({
      supported: true,
      reasons: [],
      warnings: [],
    });
  });

  it('names the browser it saw in the reason, for the agent', () => {
    const verdict = evaluateEnvironment(report({ userAgent: REJECTED['Firefox 60'] ?? '' }));
    expect(message(verdict.reasons[0])).toContain('Firefox 60.0 on Windows');
  });

  it('treats a missing user agent as unsupported', () => {
    const verdict = evaluateEnvironment(report({ userAgent: '  ' }));
    expect(verdict.reasons).toEqual([{ code: 'unsupported_browser', userAgent: '' }]);
    expect(message(verdict.reasons[0])).toMatch(
      /^No user agent was reported\. Supported: Google Chrome 111\+/,
    );
  });
});

describe('evaluateEnvironment: capabilities and configuration', () => {
  it('is unsupported when the widget found features missing, listing them', () => {
    const verdict = evaluateEnvironment(report({ missingFeatures: ['fetch', 'shadow-dom'] }));
    expect(verdict.supported).toBe(false);
    expect(codes(verdict.reasons)).toEqual(['missing_feature']);
    expect(verdict.reasons).toEqual([{ code: 'missing_feature', features: ['fetch', 'shadow-dom'] }]);
    expect(message(verdict.reasons[0])).toBe(
      'The browser lacks features the product needs: fetch, shadow-dom.',
    );
  });

  it('is unsupported when cookies are disabled', () => {
    const verdict = evaluateEnvironment(report({ cookiesEnabled: false }));
    expect(verdict.supported).toBe(false);
    expect(codes(verdict.reasons)).toEqual(['cookies_disabled']);
  });

  it('only warns about unavailable storage, being offline and a tiny viewport', () => {
    const verdict = evaluateEnvironment(
      report({ storageAvailable: false, online: false, viewport: { width: 280, height: 500 } }),
    );
    expect(verdict.supported).toBe(true);
    expect(codes(verdict.warnings)).toEqual(['storage_unavailable', 'offline', 'small_viewport']);
    expect(verdict.warnings[2]).toEqual({ code: 'small_viewport', width: 280, minWidth: 320 });
    expect(message(verdict.warnings[2])).toBe('The viewport is 280 px wide (under 320).');
  });

  it('warns about clock skew beyond 5 minutes in either direction, not at exactly 5', () => {
    expect(evaluateEnvironment(report({ clockSkewMs: 300_000 })).warnings).toEqual([]);
    expect(evaluateEnvironment(report({ clockSkewMs: -300_000 })).warnings).toEqual([]);
    const ahead = evaluateEnvironment(report({ clockSkewMs: 300_001 + 600_000 }));
    expect(ahead.supported).toBe(true);
    expect(ahead.warnings).toEqual([{ code: 'clock_skew', minutes: 15 }]);
    expect(message(ahead.warnings[0])).toBe('The device clock is 15 min ahead of the server.');
    const behind = evaluateEnvironment(report({ clockSkewMs: -3_600_000 }));
    expect(behind.warnings).toEqual([{ code: 'clock_skew', minutes: -60 }]);
    expect(message(behind.warnings[0])).toBe('The device clock is 60 min behind the server.');
  });

  it('takes its thresholds and regex from options', () => {
    const opts = { maxClockSkewMs: 1000, minViewportWidth: 1000, regex: /Firefox/ };
    const verdict = evaluateEnvironment(
      report({ clockSkewMs: 2000, viewport: { width: 800, height: 600 } }),
      opts,
    );
    expect(codes(verdict.reasons)).toEqual(['unsupported_browser']);
    expect(codes(verdict.warnings)).toEqual(['clock_skew', 'small_viewport']);
  });

  it('reports every hard reason at once, in a fixed order', () => {
    const verdict = evaluateEnvironment({
      userAgent: REJECTED['Internet Explorer 11'] ?? '',
      missingFeatures: ['fetch'],
      cookiesEnabled: false,
    });
    expect(codes(verdict.reasons)).toEqual(['unsupported_browser', 'missing_feature', 'cookies_disabled']);
  });

  it('never throws, even on malformed reports, and supported always means no hard reasons', () => {
    const typed = fc.record(
      {
        userAgent: fc.oneof(fc.string({ maxLength: 600 }), fc.constantFrom(...Object.values(ACCEPTED))),
        viewport: fc.record({ width: fc.nat(100_000), height: fc.nat(100_000) }),
        clockSkewMs: fc.integer(),
        online: fc.boolean(),
        cookiesEnabled: fc.boolean(),
        storageAvailable: fc.boolean(),
        missingFeatures: fc.array(fc.string(), { maxLength: 32 }),
      },
      { requiredKeys: ['userAgent'] },
    );
    const anything = fc.anything({
      withNullPrototype: true,
      withMap: true,
    }) as fc.Arbitrary<EnvironmentReport>;
    const loose = fc.dictionary(
      fc.constantFrom('userAgent', 'viewport', 'clockSkewMs', 'missingFeatures', 'online', 'cookiesEnabled'),
      fc.anything(),
    ) as fc.Arbitrary<EnvironmentReport>;
    fc.assert(
      fc.property(fc.oneof(typed, anything, loose), (r) => {
        const verdict = evaluateEnvironment(r);
        expect(verdict.supported).toBe(verdict.reasons.length === 0);
        for (const f of [...verdict.reasons, ...verdict.warnings])
          expect(environmentMessage(f)).toMatch(/^\S.*\.$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('detectBrowser', () => {
  it.each([
    ['Internet Explorer 11', 'Internet Explorer', '11.0', 'Windows', 'desktop'],
    ['Edge 18 (EdgeHTML)', 'Edge', '18.19041', 'Windows', 'desktop'],
    ['current Edge', 'Edge', '142.0.0.0', 'Windows', 'desktop'],
    ['current Chrome', 'Chrome', '142.0.0.0', 'Windows', 'desktop'],
    ['Firefox ESR 140', 'Firefox', '140.0', 'Linux', 'desktop'],
    ['Safari 17.6 on macOS', 'Safari', '17.6', 'macOS', 'desktop'],
    ['Safari 18.5 on iOS', 'Safari', '18.5', 'iOS', 'mobile'],
    ['Safari 18.5 on iPad', 'Safari', '18.5', 'iOS', 'tablet'],
    ['Chrome on iOS 17.6', 'Chrome', '142.0.7444.77', 'iOS', 'mobile'],
    ['Samsung Internet 28', 'Samsung Internet', '28.0', 'Android', 'mobile'],
    ['Chrome for Android', 'Chrome', '142.0.0.0', 'Android', 'mobile'],
    ['Firefox for Android', 'Firefox', '145.0', 'Android', 'mobile'],
  ])('reads %s', (fixture, name, version, os, deviceType) => {
    const ua = ACCEPTED[fixture] ?? REJECTED[fixture] ?? '';
    expect(detectBrowser(ua)).toEqual({ name, version, os, deviceType });
  });

  it('calls an Android device without "Mobile" a tablet', () => {
    const ua =
      'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
    expect(detectBrowser(ua)).toMatchObject({ os: 'Android', deviceType: 'tablet' });
  });

  it('returns unknowns for an empty or unrecognised user agent', () => {
    expect(detectBrowser('')).toEqual({ name: 'unknown', version: '', os: 'unknown', deviceType: 'unknown' });
    expect(detectBrowser('curl/8.5.0')).toEqual({
      name: 'unknown',
      version: '',
      os: 'unknown',
      deviceType: 'desktop',
    });
  });
});
