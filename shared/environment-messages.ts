import { POLICY_SUMMARY } from './browser-policy';
import { detectBrowser, type EnvironmentFinding } from './environment';

/**
 * Plain-English messages for agents (API responses, ticket warnings) from the environment policy's
 * findings. Kept apart from shared/environment.ts so the widget, which shows its own localized
 * words, never bundles these strings or the policy summary.
 */

const policyText = () => POLICY_SUMMARY.map((p) => `${p.browser} ${p.minVersion}+`).join(', ');

/** The agent-facing English sentence for one finding. */
export function environmentMessage(f: EnvironmentFinding): string {
  switch (f.code) {
    case 'unsupported_browser': {
      if (!f.userAgent.trim()) return `No user agent was reported. Supported: ${policyText()}.`;
      const b = detectBrowser(f.userAgent);
      const seen = b.name === 'unknown' ? 'an unrecognised browser' : `${b.name} ${b.version} on ${b.os}`;
      return `The user is on ${seen}, outside the supported-browser policy (${policyText()}).`;
    }
    case 'missing_feature':
      return `The browser lacks features the product needs: ${f.features.join(', ')}.`;
    case 'cookies_disabled':
      return 'Cookies are disabled; signing in to the application needs them.';
    case 'storage_unavailable':
      return 'Local storage is unavailable (private mode or blocked).';
    case 'clock_skew':
      return `The device clock is ${Math.abs(f.minutes)} min ${f.minutes > 0 ? 'ahead of' : 'behind'} the server.`;
    case 'offline':
      return 'The browser reported being offline when the report was made.';
    case 'small_viewport':
      return `The viewport is ${f.width} px wide (under ${f.minWidth}).`;
  }
}
