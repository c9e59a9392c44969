import {
  applyD1Migrations,
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, getTableColumns, getTableName } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moveBlobsToR2 } from '../../worker/attachments/backfill';
import { getDb } from '../../worker/db/client';
import { attachments, desks, organisations, tickets } from '../../worker/db/schema';
import worker from '../../worker/index';
import * as f from './attachment-fixtures';
import { makeDesk } from './fixtures';
import { makeTicket } from './ticket-fixtures';

const db = getDb(env.DB);

/** Rows as inbound email wrote them before R2: the bytes as a D1 blob, no object key. */
async function legacyRows(files: Uint8Array[], createdAt = 1_000) {
  const fx = await makeDesk();
  const t = await makeTicket(fx);
  const ids: string[] = [];
  for (const [i, bytes] of files.entries()) {
    const id = `att_${crypto.randomUUID()}`;
    ids.push(id);
    await db.insert(attachments).values({
      id,
      ticketId: t.id as string,
      filename: `file-${i}`,
      contentType: 'application/octet-stream',
      size: bytes.byteLength,
      content: Buffer.from(bytes),
      uploadedBy: 'email',
      createdAt: createdAt + i,
    });
  }
  return { ticketId: t.id as string, ids };
}
const rowsOf = (ticketId: string) => db.select().from(attachments).where(eq(attachments.ticketId, ticketId));
const objectBytes = async (key: string | null) =>
  new Uint8Array((await (await env.ATTACHMENTS.get(key ?? ''))?.arrayBuffer()) ?? []);

describe('moveBlobsToR2: legacy D1 blobs into R2', () => {
  it('moves a bounded few per run, oldest first, verified, and clears each blob only after', async () => {
    const files = [f.PNG, f.PDF, f.LOG, f.GIF, f.ZIP];
    const { ticketId } = await legacyRows(files, 1);
    expect(await moveBlobsToR2(db, env.ATTACHMENTS, { limit: 2 })).toEqual({ moved: 2, failed: 0 });
    let rows = await rowsOf(ticketId);
    expect(rows.filter((r) => r.content === null).map((r) => r.filename)).toEqual(['file-0', 'file-1']);
    expect(await moveBlobsToR2(db, env.ATTACHMENTS, { limit: 2 })).toEqual({ moved: 2, failed: 0 });
    expect(await moveBlobsToR2(db, env.ATTACHMENTS, { limit: 2 })).toEqual({ moved: 1, failed: 0 });
    // Nothing left: a further run is a no-op.
    expect(await moveBlobsToR2(db, env.ATTACHMENTS, { limit: 2 })).toEqual({ moved: 0, failed: 0 });
    rows = await rowsOf(ticketId);
    for (const [i, bytes] of files.entries()) {
      const row = rows.find((r) => r.filename === `file-${i}`);
      expect(row?.content).toBeNull();
      expect(row?.objectKey).toBe(`attachments/${ticketId}/${row?.id}`);
      expect(await objectBytes(row?.objectKey ?? null)).toEqual(bytes);
    }
    expect(rows.map((r) => r.sniffedType)).toEqual([
      'image/png',
      'application/pdf',
      'text/plain; charset=utf-8',
      'image/gif',
      'application/zip',
    ]);
  });

  it('moves a blob of a refused type too, but marks it so it is never served', async () => {
    const { ticketId } = await legacyRows([f.HTML], 0);
    await moveBlobsToR2(db, env.ATTACHMENTS, { limit: 10 });
    const [row] = await rowsOf(ticketId);
    expect(row).toMatchObject({ content: null, refused: 'unsupported_type', sniffedType: null });
    expect(await objectBytes(row?.objectKey ?? null)).toEqual(f.HTML);
  });

  it('keeps the blob when R2 fails, and moves it on the next run (the same key, the same bytes)', async () => {
    const { ticketId } = await legacyRows([f.JPEG], 0);
    // A bucket whose writes fail, over the real one: the row must keep its bytes.
    const failing = new Proxy(env.ATTACHMENTS, {
      get: (target, prop) =>
        prop === 'put'
          ? () => Promise.reject(new Error('R2 unavailable'))
          : Reflect.get(target, prop).bind(target),
    });
    expect(await moveBlobsToR2(db, failing, { limit: 10 })).toMatchObject({ failed: 1, moved: 0 });
    expect((await rowsOf(ticketId))[0]?.content).not.toBeNull();
    expect(await moveBlobsToR2(db, env.ATTACHMENTS, { limit: 10 })).toMatchObject({ failed: 0 });
    const [row] = await rowsOf(ticketId);
    expect(row?.content).toBeNull();
    expect(await objectBytes(row?.objectKey ?? null)).toEqual(f.JPEG);
  });

  it('runs in the cron', async () => {
    const { ticketId } = await legacyRows([f.WEBP], 0);
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const [row] = await rowsOf(ticketId);
    expect(row).toMatchObject({ content: null, sniffedType: 'image/webp' });
  });
});

describe('migration 0010 (attachments_r2)', () => {
  it('marks the rows from before as email, metadata-only ones as not kept, and leaves blobs for the backfill', async () => {
    const old = env.MIGRATION_DB;
    // By name, not number: the migration may be renumbered at merge.
    const mine = env.TEST_MIGRATIONS.findIndex((m) => m.name.includes('_attachments_r2'));
    expect(mine).toBeGreaterThan(0);
    await applyD1Migrations(old, env.TEST_MIGRATIONS.slice(0, mine));
    // A desk, organisation and ticket as they are today (those tables are the same at 0009, but for the
    // tickets' search_rowid, added by a later migration).
    const fx = await makeDesk();
    const t = await makeTicket(fx);
    const to = getDb(old);
    const copy = async (table: typeof desks | typeof organisations | typeof tickets, id: string) => {
      const [row] = await db.select().from(table).where(eq(table.id, id));
      // Only the columns the table had then: drizzle would name every column of today's schema.
      const columns = getTableColumns(table) as Record<
        string,
        { name: string; mapToDriverValue(v: unknown): unknown }
      >;
      const then = Object.entries(row ?? {}).filter(([key]) => key !== 'searchRowid');
      await old
        .prepare(
          `INSERT INTO ${getTableName(table)} (${then.map(([key]) => `"${columns[key]?.name}"`).join(', ')}) VALUES (${then.map(() => '?').join(', ')})`,
        )
        .bind(...then.map(([key, value]) => (value === null ? null : columns[key]?.mapToDriverValue(value))))
        .run();
    };
    await copy(desks, fx.deskId);
    await copy(organisations, fx.organisationId);
    await copy(tickets, t.id as string);
    await old.batch([
      old
        .prepare(
          'INSERT INTO attachments (id, ticket_id, filename, content_type, size, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .bind('a_blob', t.id, 'x.png', 'image/png', f.PNG.byteLength, f.PNG, 1),
      old
        .prepare(
          'INSERT INTO attachments (id, ticket_id, filename, content_type, size, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .bind('a_meta', t.id, 'y.pdf', 'application/pdf', 99, 2),
    ]);
    await applyD1Migrations(old, env.TEST_MIGRATIONS);
    const rows = await to.select().from(attachments).orderBy(attachments.id);
    expect(
      rows.map((r) => [r.id, r.uploadedBy, r.refused, r.objectKey, r.content?.byteLength ?? null]),
    ).toEqual([
      ['a_blob', 'email', null, null, f.PNG.byteLength],
      ['a_meta', 'email', 'not_kept', null, null],
    ]);
    expect(await moveBlobsToR2(to, env.ATTACHMENTS)).toEqual({ moved: 1, failed: 0 });
  });
});
