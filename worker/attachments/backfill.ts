import { blobOf, blobsToMove, markMovedToR2 } from '../db/attachments';
import type { Db } from '../db/client';
import { sha256Hex } from '../tokens';
import { sniffAttachment } from './policy';
import { isStored, objectKeyOf, putObject } from './store';

/**
 * Moves attachments stored as D1 blobs (inbound email before R2) into R2, a few per cron run. A SQL
 * migration cannot do it: D1 cannot reach R2, so the bytes must pass through the Worker. Per row: put
 * the bytes under the row's key (R2 checks their SHA-256), read the object back and compare size and
 * hash, and only then clear the blob in the same statement that records the key. A crash between the
 * steps leaves the blob in place and the next run puts the same bytes under the same key again, so
 * the backfill is idempotent; a row whose bytes are of a refused type is moved too (nothing is lost)
 * but marked `unsupported_type`, so it is never served.
 */

/** Rows moved per cron run: at most ~10 MB read and written, well inside a scheduled run's time. */
export const BACKFILL_BATCH = 5;

/** What one run did. */
export interface BackfillResult {
  moved: number;
  failed: number;
}

/** Moves up to `limit` legacy blobs to R2 (oldest first). */
export async function moveBlobsToR2(
  db: Db,
  bucket: R2Bucket,
  { limit = BACKFILL_BATCH }: { limit?: number } = {},
): Promise<BackfillResult> {
  const result: BackfillResult = { moved: 0, failed: 0 };
  for (const row of await blobsToMove(db, limit)) {
    try {
      const blob = await blobOf(db, row.id);
      if (!blob) continue;
      const bytes = new Uint8Array(blob.byteLength);
      bytes.set(blob);
      const sha256 = await sha256Hex(bytes);
      const objectKey = objectKeyOf(row.ticketId, row.id);
      const sniffed = await sniffAttachment(bytes);
      await putObject(bucket, objectKey, bytes, { sha256, type: sniffed.ok ? sniffed.type : null });
      if (!(await isStored(bucket, objectKey, bytes.byteLength, sha256))) {
        console.error('attachment backfill: object not verified', row.id);
        result.failed++;
        continue;
      }
      await markMovedToR2(db, row.id, {
        objectKey,
        sha256,
        sniffedType: sniffed.ok ? sniffed.type : null,
        refused: sniffed.ok ? null : 'unsupported_type',
      });
      result.moved++;
    } catch (err) {
      // The blob stays; the next run tries again.
      console.error('attachment backfill failed', row.id, err);
      result.failed++;
    }
  }
  return result;
}
