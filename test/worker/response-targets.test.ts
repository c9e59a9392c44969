import { describe, expect, it } from 'vitest';
import type { ResponseTargets } from '../../shared/schema';
import { makeDesk } from './fixtures';
import { errorCode, getWidget } from './intake-helpers';

async function targetsAt(at?: string) {
  const fx = await makeDesk();
  const res = await getWidget(
    fx,
    `/v1/response-targets${at === undefined ? '' : `?at=${encodeURIComponent(at)}`}`,
  );
  return res;
}

const dueOf = (body: ResponseTargets, severity: number) =>
  body.targets.find((t) => t.severity === severity)?.dueAt;

describe('GET /v1/response-targets', () => {
  it('gives the four targets for a request on Friday 17:30 WIB, the clock running into Monday', async () => {
    const res = await targetsAt('2026-11-27T17:30:00+07:00');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ResponseTargets;
    expect(body.at).toBe('2026-11-27T10:30:00.000Z');
    expect(body.open).toBe(true);
    expect(body.targets.map((t) => [t.severity, t.businessMinutes])).toEqual([
      [1, 120],
      [2, 240],
      [3, 540],
      [4, 1080],
    ]);
    // Guide examples (issue 2): severity 1 → Monday 10:30 WIB.
    expect(dueOf(body, 1)).toBe('2026-11-30T03:30:00.000Z');
    expect(body.targets[0]?.clockStartsAt).toBe('2026-11-27T10:30:00.000Z');
  });

  it('starts the clock at the next opening on Saturday and skips Christmas', async () => {
    const sat = (await (await targetsAt('2026-11-28T11:00:00+07:00')).json()) as ResponseTargets;
    expect(sat.open).toBe(false);
    expect(sat.nextOpenAt).toBe('2026-11-30T02:00:00.000Z');
    expect(dueOf(sat, 2)).toBe('2026-11-30T06:00:00.000Z');
    const xmasEve = (await (await targetsAt('2026-12-24T10:00:00+07:00')).json()) as ResponseTargets;
    expect(dueOf(xmasEve, 3)).toBe('2026-12-28T03:00:00.000Z');
  });

  it('warns when the clocks run into a year without holiday data', async () => {
    const body = (await (await targetsAt('2026-12-31T10:00:00+07:00')).json()) as ResponseTargets;
    expect(body.warnings?.some((w) => w.includes('2027'))).toBe(true);
  });

  it('defaults to now', async () => {
    const before = Date.now();
    const body = (await (await targetsAt()).json()) as ResponseTargets;
    const at = Date.parse(body.at);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at - before).toBeLessThan(10_000);
    expect(body.targets).toHaveLength(4);
  });

  it('answers a malformed or far-away `at` with 400 validation_failed', async () => {
    for (const at of ['yesterday', '2026-13-01T00:00:00Z', '2026-11-27', '2090-01-01T00:00:00Z']) {
      const res = await targetsAt(at);
      expect(res.status, at).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
  });
});
