/** One published version of the customer support guide (Lampiran 3) and when it took effect. */
export type GuideVersion = {
  /** The guide's own version date, 'YYYY-MM-DD', as printed on it ("Versi Panduan Dukungan"). */
  readonly version: string;
  /** The instant it applies from: 00:00 WIB of its effective date. */
  readonly effectiveAt: number;
  readonly title: string;
};

/**
 * Every guide version this code knows, oldest first. A new version is appended here with its
 * effective date; tickets record the version in force when they were received, so a new version
 * applies to new tickets only (guide section 12: updates apply going forward).
 */
export const GUIDE_VERSIONS: readonly GuideVersion[] = [
  {
    version: '2026-01-02',
    effectiveAt: Date.parse('2026-01-02T00:00:00+07:00'),
    title: 'Lampiran 3 Panduan Dukungan dan Layanan Pelanggan Kinobi AI',
  },
];

/**
 * The guide version in force at `at` (a ticket's received instant): the latest whose effective
 * instant is at or before it; null before the first known version (the caller says "unknown").
 */
export function guideVersionAt(
  at: number,
  versions: readonly GuideVersion[] = GUIDE_VERSIONS,
): GuideVersion | null {
  if (!Number.isFinite(at)) throw new RangeError(`not a finite instant: ${at}`);
  let found: GuideVersion | null = null;
  for (const v of versions)
    if (v.effectiveAt <= at && (found === null || v.effectiveAt >= found.effectiveAt)) found = v;
  return found;
}

/** The newest known guide version (what acknowledgements of new tickets name). */
export function currentGuideVersion(versions: readonly GuideVersion[] = GUIDE_VERSIONS): GuideVersion {
  const last = versions.reduce<GuideVersion | undefined>(
    (a, v) => (a === undefined || v.effectiveAt > a.effectiveAt ? v : a),
    undefined,
  );
  if (last === undefined) throw new RangeError('no guide versions');
  return last;
}
