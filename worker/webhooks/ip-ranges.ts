/** Why an IP address may not receive webhooks. */
export type BlockedAddress =
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link_local'
  | 'metadata'
  | 'unspecified'
  | 'reserved'
  | 'multicast'
  | 'ipv4_mapped'
  | 'unique_local';

type V4Range = [base: number, prefix: number, why: BlockedAddress];

// Metadata first: it lies inside link-local and must be reported as what it is.
const V4_BLOCKED: V4Range[] = [
  [ip4(169, 254, 169, 254), 32, 'metadata'],
  [ip4(0, 0, 0, 0), 8, 'unspecified'],
  [ip4(10, 0, 0, 0), 8, 'private'],
  [ip4(100, 64, 0, 0), 10, 'cgnat'],
  [ip4(127, 0, 0, 0), 8, 'loopback'],
  [ip4(169, 254, 0, 0), 16, 'link_local'],
  [ip4(172, 16, 0, 0), 12, 'private'],
  [ip4(192, 0, 0, 0), 24, 'reserved'], // IETF protocol assignments
  [ip4(192, 0, 2, 0), 24, 'reserved'], // TEST-NET-1
  [ip4(192, 88, 99, 0), 24, 'reserved'], // 6to4 relay anycast
  [ip4(192, 168, 0, 0), 16, 'private'],
  [ip4(198, 18, 0, 0), 15, 'reserved'], // benchmarking
  [ip4(198, 51, 100, 0), 24, 'reserved'], // TEST-NET-2
  [ip4(203, 0, 113, 0), 24, 'reserved'], // TEST-NET-3
  [ip4(224, 0, 0, 0), 4, 'multicast'],
  [ip4(240, 0, 0, 0), 4, 'reserved'], // incl. 255.255.255.255
];

function ip4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** The 32-bit value of a dotted-decimal IPv4 address (four parts 0–255, no leading zeros), or null. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Why the IPv4 address (32-bit value) is blocked, or null for a public unicast address. */
export function blockedIpv4(value: number): BlockedAddress | null {
  for (const [base, prefix, why] of V4_BLOCKED) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === base) return why;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (`::` compression and a trailing dotted IPv4 allowed), or null. */
export function parseIpv6(text: string): number[] | null {
  let hex = text;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    hex = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  if (![...left, ...right].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
}

/**
 * Why the IPv6 address (eight groups) is blocked, or null. Only global unicast (2000::/3) passes,
 * minus documentation (2001:db8::/32), Teredo (2001::/32) and 6to4 (2002::/16), which embed or
 * reach arbitrary IPv4 space; every IPv4-mapped, -compatible or NAT64 form is refused whatever the
 * IPv4 address, so no IPv4 rule can be dodged through IPv6.
 */
export function blockedIpv6(g: number[]): BlockedAddress | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
  const upper80Zero = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (upper80Zero && f === 0 && h === 0 && i === 0) return 'unspecified';
  if (upper80Zero && f === 0 && h === 0 && i === 1) return 'loopback';
  if (upper80Zero && (f === 0xffff || f === 0)) return 'ipv4_mapped'; // ::ffff:0:0/96, ::/96
  if (a === 0x64 && b === 0xff9b) return 'ipv4_mapped'; // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
  if ((a & 0xfe00) === 0xfc00) return 'unique_local'; // fc00::/7 (AWS IMDS fd00:ec2::254 among them)
  if ((a & 0xffc0) === 0xfe80) return 'link_local'; // fe80::/10
  if ((a & 0xffc0) === 0xfec0) return 'private'; // site-local fec0::/10 (deprecated)
  if ((a & 0xff00) === 0xff00) return 'multicast';
  if ((a & 0xe000) !== 0x2000) return 'reserved';
  if (a === 0x2001 && (b === 0x0db8 || b === 0)) return 'reserved';
  if (a === 0x2002) return 'ipv4_mapped';
  return null;
}
