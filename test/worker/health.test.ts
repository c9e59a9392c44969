import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

type Health = {
  ok: boolean;
  d1: string;
  holidayData: {
    yearsCovered: number[];
    currentYear: number;
    nextYear: number;
    covered: boolean;
    provisionalYears: number[];
  };
  warnings: string[];
};

describe('GET /v1/health', () => {
  it('reports D1 reachable and which years the holiday data covers', async () => {
    const res = await exports.default.fetch('http://x/v1/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Health;
    expect(body).toMatchObject({ ok: true, d1: 'ok' });
    const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
    expect(body.holidayData.currentYear).toBe(year);
    expect(body.holidayData.nextYear).toBe(year + 1);
    expect(body.holidayData.yearsCovered).toContain(2026);
    const covered = [year, year + 1].every((y) => body.holidayData.yearsCovered.includes(y));
    expect(body.holidayData.covered).toBe(covered);
    expect(body.warnings.some((w) => w.startsWith(`no holiday data for ${year + 1}`))).toBe(
      !body.holidayData.yearsCovered.includes(year + 1),
    );
    // 2027 ships as provisional predictions: health says so until the decree replaces it.
    expect(body.holidayData.provisionalYears).toEqual([year, year + 1].filter((y) => y === 2027));
    expect(body.warnings.some((w) => w.includes('2027 is provisional'))).toBe(
      body.holidayData.provisionalYears.includes(2027),
    );
  });

  it('answers 503 with Retry-After when D1 cannot serve the schema', async () => {
    await env.DB.exec('ALTER TABLE desks RENAME TO desks_away');
    try {
      const res = await exports.default.fetch('http://x/v1/health');
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect(await res.json()).toMatchObject({ ok: false, d1: 'error' });
    } finally {
      await env.DB.exec('ALTER TABLE desks_away RENAME TO desks');
    }
  });
});
