import { type BlockedAddress, blockedIpv4, blockedIpv6, parseIpv4, parseIpv6 } from './ip-ranges';

/** Why a webhook URL is refused. */
export type WebhookUrlProblem =
  | 'invalid_url'
  | 'scheme'
  | 'credentials'
  | 'localhost'
  | 'internal_name'
  | 'single_label'
  | BlockedAddress;

/** The outcome of checkWebhookUrl: the normalised URL to store, or the problem. */
export type WebhookUrlCheck =
  | { ok: true; url: string }
  | { ok: false; problem: WebhookUrlProblem; message: string };

/** Names that reach the machine itself or a cloud's instance metadata, whatever DNS says. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data']);
/** Suffixes of names that are never public (RFC 6761, RFC 6762 mDNS, RFC 8375, cloud-internal zones). */
const INTERNAL_SUFFIXES = ['.local', '.localdomain', '.internal', '.home.arpa', '.lan', '.intranet', '.corp'];

const refuse = (problem: WebhookUrlProblem, message: string): WebhookUrlCheck => ({
  ok: false,
  problem,
  message,
});

/**
 * Whether `url` may receive webhooks. Refused: anything but `https:` (plain `http:` only to
 * 127.0.0.1 and only when `environment` is "development", for a local receiver); user name or
 * password in the URL; `localhost` and `*.localhost`; metadata names (metadata.google.internal …)
 * and private-use suffixes (.local, .internal, .home.arpa …); single-label names (they resolve
 * through search domains to internal hosts); and IP literals that are loopback, private (10/8,
 * 172.16/12, 192.168/16), CGNAT (100.64/10), link-local (169.254/16, fe80::/10), metadata
 * (169.254.169.254), unspecified, multicast or reserved, IPv6 unique-local (fc00::/7) and every
 * IPv6 form that embeds IPv4 (::ffff:…, NAT64, 6to4). Decimal, hex and octal IPv4 forms
 * (http://2130706433, 0x7f.1, 0177.0.0.1) are caught because the WHATWG URL parser normalises
 * them to dotted decimal first. A public name that *resolves* to a private address (DNS
 * rebinding) cannot be seen here; Cloudflare's edge does not route Workers' fetches to private
 * networks, which covers that in production.
 */
export function checkWebhookUrl(
  url: string,
  { environment = 'production' }: { environment?: string } = {},
): WebhookUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('invalid_url', 'Not an absolute URL.');
  }
  if (parsed.username || parsed.password) {
    return refuse('credentials', 'Put no user name or password in the URL; verify the signature instead.');
  }
  const host = parsed.hostname.replace(/\.$/, '');
  const devLoopback = environment === 'development' && host === '127.0.0.1';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && devLoopback)) {
    return refuse('scheme', 'Webhook URLs must use https.');
  }
  if (devLoopback) return { ok: true, url: parsed.href };
  const blocked = blockedHost(host);
  if (blocked)
    return refuse(blocked, `Webhooks cannot be sent to this host (${blocked.replaceAll('_', ' ')}).`);
  return { ok: true, url: parsed.href };
}

/** Why a (URL-normalised, lower-case) host is refused, or null. */
function blockedHost(host: string): WebhookUrlProblem | null {
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = parseIpv6(host.slice(1, -1));
    return groups ? blockedIpv6(groups) : 'invalid_url';
  }
  const v4 = parseIpv4(host);
  if (v4 !== null) return blockedIpv4(v4);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost';
  if (METADATA_NAMES.has(host)) return 'metadata';
  if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'internal_name';
  if (!host.includes('.')) return 'single_label';
  // The URL parser turns every numeric host into dotted IPv4; anything still all digits and dots is odd.
  if (/^[0-9.]+$/.test(host)) return 'invalid_url';
  return null;
}
