import { deleteUnclaimedUploads, unclaimedUploadsBefore } from '../db/attachments';
import type { Db } from '../db/client';
import { deleteObjects } from './store';

/**
 * How long an upload may wait for the message that sends it. An upload is a draft: the widget's
 * conversation and the console upload a file, then post the message naming it. A file no message named
 * within 30 days was abandoned (the composer closed, the reply never sent); it is visible only to its
 * uploader's side, never to the other, and it holds R2 bytes the desk pays for. A message may claim an
 * upload only up to a day before this (claim.ts, CLAIM_WINDOW_MS), so no message is written naming a
 * file being swept; a reply the widget queued offline for longer is refused with `invalid_attachment`
 * and the widget sends its text without the file (widget/conversation/Requests.tsx).
 */
export const UNCLAIMED_UPLOAD_TTL_MS = 30 * 86_400_000;

/** Uploads deleted per run (bounded: the cron runs it hourly). */
export const SWEEP_BATCH = 50;

/**
 * Deletes uploads no message claimed within UNCLAIMED_UPLOAD_TTL_MS, oldest first: the rows first (one
 * statement, only those still unclaimed), then their bytes. Attachments of inbound email are never swept: they belong to the
 * ticket or to the email's message. A crash between the two steps leaves an R2 object no row names
 * (bytes nobody can download); it never deletes bytes a row still names. Returns how many it deleted.
 */
export async function sweepUnclaimedUploads(
  db: Db,
  bucket: R2Bucket,
  now: number,
  limit = SWEEP_BATCH,
): Promise<number> {
  const listed = await unclaimedUploadsBefore(db, now - UNCLAIMED_UPLOAD_TTL_MS, limit);
  const gone = await deleteUnclaimedUploads(
    db,
    listed.map((r) => r.id),
  );
  await deleteObjects(
    bucket,
    gone.flatMap((r) => (r.objectKey ? [r.objectKey] : [])),
  );
  return gone.length;
}
