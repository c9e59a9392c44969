import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { slaState } from '../../shared/sla';
import { compileCoverage, STANDARD_COVERAGE } from '../../shared/targets';
import { makeDesk } from './fixtures';
import { bearer, makeTicket } from './ticket-fixtures';

type Page = {
  tickets: { id: string; firstResponseDueAt: string; createdAt: string; sla: string }[];
  nextCursor: string | null;
};

async function get(token: string, query: string) {
  const res = await exports.default.fetch(`http://x/v1/tickets${query}`, { headers: bearer(token) });
  return { status: res.status, body: (await res.json()) as Page & { error?: { code: string } } };
}

async function all(token: string, query: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = query ? '&' : '?';
    const page = await get(token, `${query}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.tickets.map((t) => t.id));
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { ids, pages };
}

const HOUR = 3_600_000;
const now = Date.now();

describe('GET /v1/tickets', () => {
  it('sorts by first-response due time by default and pages through everything once with a cursor', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const made = [];
    for (let i = 0; i < 7; i++)
      made.push(
        await makeTicket(
          { deskId, organisationId },
          { severity: ((i % 4) + 1) as 1, createdAt: now - i * 5 * HOUR },
        ),
      );
    const { ids, pages } = await all(agentToken, '?limit=3');
    expect(pages).toBe(3);
    const expected = [...made].sort(
      (a, b) => a.firstResponseDueAt - b.firstResponseDueAt || a.id.localeCompare(b.id),
    );
    expect(ids).toEqual(expected.map((t) => t.id));
  });

  it('sorts by creation time with sort=created', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const a = await makeTicket({ deskId, organisationId }, { severity: 4, createdAt: now - 3 * HOUR });
    const b = await makeTicket({ deskId, organisationId }, { severity: 1, createdAt: now - 2 * HOUR });
    const c = await makeTicket({ deskId, organisationId }, { severity: 2, createdAt: now - 1 * HOUR });
    const { ids } = await all(agentToken, '?sort=created&limit=2');
    expect(ids).toEqual([a.id, b.id, c.id]);
  });

  it('keeps ties on the sort key in id order across pages', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(await makeTicket({ deskId, organisationId }, { createdAt: now - HOUR }));
    const { ids } = await all(agentToken, '?sort=created&limit=2');
    expect(ids).toEqual(made.map((t) => t.id).sort());
  });

  it('filters by status and severity (comma-separated lists)', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const open1 = await makeTicket({ deskId, organisationId }, { severity: 1, status: 'open' });
    await makeTicket({ deskId, organisationId }, { severity: 2, status: 'open' });
    const pending1 = await makeTicket({ deskId, organisationId }, { severity: 1, status: 'pending' });
    await makeTicket({ deskId, organisationId }, { severity: 1, status: 'closed' });
    const { ids } = await all(agentToken, '?status=open,pending&severity=1');
    expect(ids.sort()).toEqual([open1.id, pending1.id].sort());
  });

  it('never shows another tenant’s tickets', async () => {
    const mine = await makeDesk();
    const theirs = await makeDesk();
    const t = await makeTicket(mine);
    await makeTicket(theirs);
    expect((await all(mine.agentToken, '')).ids).toEqual([t.id]);
  });

  it('filters by SLA state in SQL in agreement with shared/sla.ts slaState', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const cov = compileCoverage(STANDARD_COVERAGE);
    const made = [];
    // Spread creation times over the past three weeks, some answered early, some late, some not at all.
    for (let i = 0; i < 24; i++) {
      const createdAt = now - i * 7 * HOUR - i * 61_000;
      const severity = ((i % 4) + 1) as 1 | 2 | 3 | 4;
      const t = await makeTicket({ deskId, organisationId }, { severity, createdAt });
      const answer =
        i % 3 === 0 ? null : i % 3 === 1 ? t.clockStartsAt + 60_000 : t.firstResponseDueAt + HOUR;
      if (answer !== null && answer < now) {
        await makeTicket(
          { deskId, organisationId },
          { id: `${t.id}-answered`, severity, createdAt, firstResponseAt: answer },
        );
      }
      made.push(t);
    }
    const { ids: every } = await all(agentToken, '?limit=100');
    const seen = new Set<string>();
    for (const sla of ['on_track', 'at_risk', 'breached', 'met'] as const) {
      const page = await get(agentToken, `?sla=${sla}&limit=100`);
      expect(page.status).toBe(200);
      for (const t of page.body.tickets) {
        expect(t.sla).toBe(sla);
        seen.add(t.id);
      }
    }
    expect(seen.size).toBe(every.length);
    // Compare each ticket's SQL-derived state with the pure rule at (almost) the same instant.
    const { body } = await get(agentToken, '?limit=100');
    const at = Date.now();
    for (const t of body.tickets) {
      const detail = (await (
        await exports.default.fetch(`http://x/v1/tickets/${t.id}`, { headers: bearer(agentToken) })
      ).json()) as {
        severity: 1;
        createdAt: string;
        firstResponseDueAt: string;
        firstResponseAt: string | null;
      };
      const rule = slaState(
        cov,
        {
          severity: detail.severity,
          createdAt: Date.parse(detail.createdAt),
          dueAt: Date.parse(detail.firstResponseDueAt),
          firstResponseAt: detail.firstResponseAt ? Date.parse(detail.firstResponseAt) : null,
        },
        at,
      );
      expect(t.sla, t.id).toBe(rule);
    }
    expect(new Set(body.tickets.map((t) => t.sla)).size).toBeGreaterThanOrEqual(3);
  });

  it('rejects bad limits, filters and cursors with 400', async () => {
    const { agentToken } = await makeDesk();
    for (const q of [
      '?limit=0',
      '?limit=101',
      '?status=done',
      '?severity=5',
      '?sla=late',
      '?sort=name',
      '?cursor=abc',
      '?foo=1',
    ]) {
      const res = await get(agentToken, q);
      expect(res.status, q).toBe(400);
      expect(res.body.error?.code, q).toMatch(/validation_failed|invalid_cursor/);
    }
  });

  it('rejects a cursor from another sort order', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    for (let i = 0; i < 3; i++) await makeTicket({ deskId, organisationId });
    const first = await get(agentToken, '?limit=1');
    expect(first.body.nextCursor).toBeTruthy();
    const res = await get(agentToken, `?sort=created&cursor=${first.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('invalid_cursor');
  });
});
