/** The ETag of a ticket view: its row version, as a strong entity tag (`"v3"`). */
export const ticketEtag = (version: number) => `"v${version}"`;

/**
 * Whether an If-Match header names the current version: `*`, or any listed tag equal to it (a weak
 * `W/` prefix is read as the same tag: the view changes exactly when the version does).
 */
export function ifMatchHolds(header: string, version: number): boolean {
  const current = ticketEtag(version);
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === current);
}
