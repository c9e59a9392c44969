import { SUPPORTED_BROWSER_REGEX } from './generated/supported-browsers';
import type { EnvironmentReport, WidgetEnvironment } from './schema';

/**
 * The environment policy (guide section 10: unsupported browsers, devices and configurations are
 * outside standard support). Hard reasons make a setup unsupported; warnings are shown to the agent
 * but do not, because the product still works there:
 * - hard: `unsupported_browser` (user agent not matched by the compiled policy), `missing_feature`
 *   (the widget's probes failed), `cookies_disabled` (the application's sign-in needs cookies);
 * - warnings: `storage_unavailable` (only the widget's offline queue needs it), `clock_skew` (a wrong
 *   clock explains odd timestamps but is not a browser limitation), `offline`, `small_viewport`.
 */

/**
 * One finding: a stable machine-readable code and the facts behind it. No words here, so the widget
 * bundles none: agents' English is in environment-messages.ts, users' words in widget/strings.
 */
export type EnvironmentFinding =
  /** `userAgent` is what was reported (capped), '' when nothing was. */
  | { code: 'unsupported_browser'; userAgent: string }
  | { code: 'missing_feature'; features: string[] }
  | { code: 'cookies_disabled' }
  | { code: 'storage_unavailable' }
  /** Positive: the device clock is ahead of the server. */
  | { code: 'clock_skew'; minutes: number }
  | { code: 'offline' }
  | { code: 'small_viewport'; width: number; minWidth: number };

/** The finding codes the policy can give. */
export type EnvironmentCode = EnvironmentFinding['code'];

/** Verdict on an environment report: hard `reasons` decide `supported`; `warnings` inform. */
export interface EnvironmentVerdict {
  supported: boolean;
  reasons: EnvironmentFinding[];
  warnings: EnvironmentFinding[];
}

/** Thresholds and the policy regex, overridable for tests and tenants. */
export interface EnvironmentOptions {
  regex?: RegExp;
  /** Clock skew beyond this (either direction) is a warning; default 5 minutes. */
  maxClockSkewMs?: number;
  /** Viewports narrower than this (CSS px) are a warning; default 320, the narrowest common phone. */
  minViewportWidth?: number;
}

/** The schema caps user agents at 512 characters; the cap here bounds regex work on unvalidated input. */
export const MAX_UA = 512;

/** Decides whether a reported environment is supported, with reasons and warnings. Never throws. */
export function evaluateEnvironment(
  report: EnvironmentReport,
  options: EnvironmentOptions = {},
): EnvironmentVerdict {
  const { regex = SUPPORTED_BROWSER_REGEX } = options;
  // Reports arrive from browsers; a missing or malformed field must not throw, only go unreported.
  const r: Partial<Record<keyof EnvironmentReport, unknown>> =
    report !== null && typeof report === 'object' ? report : {};
  const ua = typeof r.userAgent === 'string' ? r.userAgent.slice(0, MAX_UA) : '';
  const reasons: EnvironmentFinding[] = [];
  if (!ua.trim()) reasons.push({ code: 'unsupported_browser', userAgent: '' });
  else if (!regex.test(ua)) reasons.push({ code: 'unsupported_browser', userAgent: ua });
  const rest = reportFindings(report, options);
  reasons.push(...rest.reasons);
  return { supported: reasons.length === 0, reasons, warnings: rest.warnings };
}

/**
 * The findings of a report other than the user agent's (which needs the compiled policy regex): the
 * widget takes the browser verdict from GET /v1/widget/config, so the regex stays out of its bundle,
 * and evaluates the rest (features, cookies, storage, clock, connection, viewport) itself.
 */
export function reportFindings(
  report: EnvironmentReport,
  { maxClockSkewMs = 5 * 60_000, minViewportWidth = 320 }: EnvironmentOptions = {},
): Omit<EnvironmentVerdict, 'supported'> {
  const r: Partial<Record<keyof EnvironmentReport, unknown>> =
    report !== null && typeof report === 'object' ? report : {};
  const reasons: EnvironmentFinding[] = [];
  const warnings: EnvironmentFinding[] = [];
  const missing = Array.isArray(r.missingFeatures)
    ? r.missingFeatures.filter((f): f is string => typeof f === 'string')
    : [];
  if (missing.length > 0) reasons.push({ code: 'missing_feature', features: missing });
  if (r.cookiesEnabled === false) reasons.push({ code: 'cookies_disabled' });

  if (r.storageAvailable === false) warnings.push({ code: 'storage_unavailable' });
  if (typeof r.clockSkewMs === 'number' && Math.abs(r.clockSkewMs) > maxClockSkewMs) {
    warnings.push({ code: 'clock_skew', minutes: Math.round(r.clockSkewMs / 60_000) });
  }
  if (r.online === false) warnings.push({ code: 'offline' });
  const viewport = r.viewport as { width?: unknown } | null | undefined;
  if (typeof viewport?.width === 'number' && viewport.width < minViewportWidth) {
    warnings.push({ code: 'small_viewport', width: viewport.width, minWidth: minViewportWidth });
  }
  return { reasons, warnings };
}

/** What `detectBrowser` can tell from a user agent. */
export interface DetectedBrowser {
  name: string;
  version: string;
  os: string;
  deviceType: 'desktop' | 'mobile' | 'tablet' | 'unknown';
}

// A few ordered regexes instead of ua-parser-js: the widget must stay under 20 KB gzip, and
// ua-parser-js is 9-12 KB gzip (2.x is AGPL). Order matters: Edge, Samsung and Opera also say "Chrome",
// and every iOS browser says "Safari". This is for display; support is decided by the compiled policy.
const BROWSERS: [string, RegExp][] = [
  ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['Samsung Internet', /SamsungBrowser\/([\d.]+)/],
  ['Opera', /(?:OPR|Opera)\/([\d.]+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /(?:CriOS|Chrom(?:e|ium))\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari\//],
  ['Internet Explorer', /(?:MSIE |Trident\/.*rv:)([\d.]+)/],
];
const SYSTEMS: [string, RegExp][] = [
  ['Windows', /Windows/],
  ['Android', /Android/],
  ['iOS', /iPhone|iPad|iPod/],
  ['ChromeOS', /CrOS/],
  ['macOS', /Macintosh|Mac OS X/],
  ['Linux', /Linux/],
];

/** Browser name, version, OS and device type from a user agent, by a small regex table. */
export function detectBrowser(userAgent: string): DetectedBrowser {
  const ua = typeof userAgent === 'string' ? userAgent.slice(0, MAX_UA) : '';
  let name = 'unknown';
  let version = '';
  for (const [n, re] of BROWSERS) {
    const m = re.exec(ua);
    if (m) {
      name = n;
      version = m[1] ?? '';
      break;
    }
  }
  const os = SYSTEMS.find(([, re]) => re.test(ua))?.[0] ?? 'unknown';
  const deviceType = !ua.trim()
    ? 'unknown'
    : /iPad|Tablet/.test(ua) || (/Android/.test(ua) && !/Mobile/.test(ua))
      ? 'tablet'
      : /Mobi|iPhone|iPod/.test(ua)
        ? 'mobile'
        : 'desktop';
  return { name, version, os, deviceType };
}

/**
 * The verdict on a user agent alone, with what it names: what GET /v1/widget/config answers about
 * the browser asking (the widget adds its own probes to it and its report).
 */
export function userAgentVerdict(userAgent = ''): WidgetEnvironment {
  const ua = userAgent.slice(0, MAX_UA);
  const { reasons } = evaluateEnvironment({ userAgent: ua });
  const { name, version, os, deviceType } = detectBrowser(ua);
  const uaReasons = reasons.flatMap((r) => (r.code === 'unsupported_browser' ? [r] : []));
  return {
    supported: uaReasons.length === 0,
    reasons: uaReasons,
    browser: { name, version: version.slice(0, 32) },
    os,
    deviceType,
  };
}
