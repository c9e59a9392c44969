import { describe, expect, it } from 'vitest';
import { currentGuideVersion, GUIDE_VERSIONS, type GuideVersion, guideVersionAt } from '../../shared/guide';

const wib = (local: string) => Date.parse(`${local}+07:00`);
const v = (version: string): GuideVersion => ({
  version,
  effectiveAt: wib(`${version}T00:00:00`),
  title: `guide ${version}`,
});

describe('GUIDE_VERSIONS', () => {
  it('ships the guide of 2 January 2026, in force from 00:00 WIB that day', () => {
    expect(GUIDE_VERSIONS.map((g) => g.version)).toEqual(['2026-01-02']);
    expect(GUIDE_VERSIONS[0]?.effectiveAt).toBe(Date.parse('2026-01-01T17:00:00Z'));
    expect(GUIDE_VERSIONS[0]?.title).toMatch(/Panduan Dukungan/);
  });

  it('is ordered oldest first with unique versions', () => {
    const at = GUIDE_VERSIONS.map((g) => g.effectiveAt);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(new Set(GUIDE_VERSIONS.map((g) => g.version)).size).toBe(GUIDE_VERSIONS.length);
  });
});

describe('guideVersionAt', () => {
  it('answers 2026-01-02 for a ticket received from its effective instant on', () => {
    expect(guideVersionAt(wib('2026-01-02T00:00:00'))?.version).toBe('2026-01-02');
    expect(guideVersionAt(wib('2026-11-30T10:00:00'))?.version).toBe('2026-01-02');
  });

  it('answers null for a ticket received before any known version', () => {
    expect(guideVersionAt(wib('2026-01-01T23:59:59'))).toBeNull();
  });

  it('applies a new version to tickets received from its date on, and the old one before', () => {
    const versions = [v('2026-01-02'), v('2027-03-01')];
    expect(guideVersionAt(wib('2027-02-28T23:59:59'), versions)?.version).toBe('2026-01-02');
    expect(guideVersionAt(wib('2027-03-01T00:00:00'), versions)?.version).toBe('2027-03-01');
  });

  it('does not depend on the order the versions are listed in', () => {
    const versions = [v('2027-03-01'), v('2026-01-02')];
    expect(guideVersionAt(wib('2026-06-01T00:00:00'), versions)?.version).toBe('2026-01-02');
    expect(guideVersionAt(wib('2027-06-01T00:00:00'), versions)?.version).toBe('2027-03-01');
  });

  it('rejects an instant that is not a number', () => {
    expect(() => guideVersionAt(Number.NaN)).toThrow(RangeError);
  });
});

describe('currentGuideVersion', () => {
  it('is the newest version, whatever the listing order', () => {
    expect(currentGuideVersion().version).toBe('2026-01-02');
    expect(currentGuideVersion([v('2027-03-01'), v('2026-01-02')]).version).toBe('2027-03-01');
    expect(() => currentGuideVersion([])).toThrow(RangeError);
  });
});
