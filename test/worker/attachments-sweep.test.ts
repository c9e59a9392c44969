import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SWEEP_BATCH, sweepUnclaimedUploads, UNCLAIMED_UPLOAD_TTL_MS } from '../../worker/attachments/sweep';
import {
  claimAttachments,
  deleteUnclaimedUploads,
  unclaimedUploadsBefore,
} from '../../worker/db/attachments';
import { getDb } from '../../worker/db/client';
import { attachments } from '../../worker/db/schema';
import * as f from './attachment-fixtures';
import { makeDesk } from './fixtures';
import { makeTicket } from './ticket-fixtures';

const db = getDb(env.DB);
const NOW = Date.parse('2026-12-01T03:00:00Z');
const OLD = NOW - UNCLAIMED_UPLOAD_TTL_MS - 1;

/** Rows on one ticket, each with its bytes in R2 under its own key. */
async function rows(specs: { by: 'customer' | 'agent' | 'email'; at: number; claimed?: boolean }[]) {
  const t = await makeTicket(await makeDesk());
  const ticketId = t.id as string;
  const ids: string[] = [];
  for (const s of specs) {
    const id = `att_${crypto.randomUUID()}`;
    const objectKey = `attachments/${ticketId}/${id}`;
    await env.ATTACHMENTS.put(objectKey, f.PNG);
    await db.insert(attachments).values({
      id,
      ticketId,
      messageId: s.claimed ? `msg_${crypto.randomUUID()}` : null,
      filename: 'shot.png',
      size: f.PNG.byteLength,
      objectKey,
      sniffedType: 'image/png',
      uploadedBy: s.by,
      createdAt: s.at,
    });
    ids.push(id);
  }
  return { ticketId, ids };
}
const left = async (ticketId: string) =>
  (await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.ticketId, ticketId))).map(
    (r) => r.id,
  );
const inR2 = async (ticketId: string, id: string) =>
  (await env.ATTACHMENTS.head(`attachments/${ticketId}/${id}`)) !== null;

describe('sweepUnclaimedUploads: uploads no message sent within 30 days', () => {
  it('deletes old unclaimed uploads of either side, row and bytes, and keeps everything else', async () => {
    const { ticketId, ids } = await rows([
      { by: 'customer', at: OLD }, // abandoned: swept
      { by: 'agent', at: OLD }, // abandoned: swept
      { by: 'customer', at: NOW - UNCLAIMED_UPLOAD_TTL_MS + 60_000 }, // younger than 30 days: kept
      { by: 'customer', at: OLD, claimed: true }, // sent on a message: kept
      { by: 'email', at: OLD }, // arrived with an email: the ticket's, kept
    ]);
    expect(await sweepUnclaimedUploads(db, env.ATTACHMENTS, NOW)).toBeGreaterThanOrEqual(2);
    expect(await left(ticketId)).toEqual(expect.arrayContaining(ids.slice(2)));
    expect((await left(ticketId)).sort()).toEqual(ids.slice(2).sort());
    expect(await inR2(ticketId, ids[0] as string)).toBe(false);
    expect(await inR2(ticketId, ids[1] as string)).toBe(false);
    for (const id of ids.slice(2)) expect(await inR2(ticketId, id)).toBe(true);
    // A second run finds nothing more on this ticket.
    await sweepUnclaimedUploads(db, env.ATTACHMENTS, NOW);
    expect((await left(ticketId)).sort()).toEqual(ids.slice(2).sort());
  });

  it('never deletes an upload a message claimed after the sweep listed it', async () => {
    const { ticketId, ids } = await rows([{ by: 'customer', at: OLD }]);
    const id = ids[0] as string;
    // The claim lands between the sweep's listing and its delete: the guarded delete finds no row.
    await claimAttachments(db, ticketId, [id], 'msg_late');
    expect(await deleteUnclaimedUploads(db, [id])).toEqual([]);
    expect(await left(ticketId)).toEqual([id]);
    expect(await inR2(ticketId, id)).toBe(true);
  });

  it('deletes a listed batch in one statement, skipping only the upload claimed meanwhile', async () => {
    const { ticketId, ids } = await rows([
      { by: 'customer', at: OLD },
      { by: 'agent', at: OLD },
    ]);
    const [claimed, abandoned] = ids as [string, string];
    await claimAttachments(db, ticketId, [claimed], 'msg_late');
    const gone = await deleteUnclaimedUploads(db, [claimed, abandoned]);
    expect(gone.map((r) => r.id)).toEqual([abandoned]);
    expect(gone[0]?.objectKey).toBe(`attachments/${ticketId}/${abandoned}`);
    expect(await left(ticketId)).toEqual([claimed]);
  });

  it('deletes at most a batch per run, oldest first', async () => {
    const specs = Array.from({ length: 3 }, (_, i) => ({ by: 'customer' as const, at: 10 + i }));
    const { ticketId, ids } = await rows(specs);
    // Older than anything another test left: these three are the first in line.
    expect(await sweepUnclaimedUploads(db, env.ATTACHMENTS, NOW, 2)).toBe(2);
    expect(await left(ticketId)).toEqual([ids[2]]);
  });

  it('reads its work list from the partial index, not from every attachment', async () => {
    const q = unclaimedUploadsBefore(db, NOW, SWEEP_BATCH).toSQL();
    const plan = await env.DB.prepare(`explain query plan ${q.sql}`)
      .bind(...q.params)
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toMatch(/USING INDEX attachments_unclaimed/);
    expect(plan.results.map((r) => r.detail).join(' ')).not.toContain('TEMP B-TREE');
  });
});
