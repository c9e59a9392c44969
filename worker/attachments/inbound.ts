import type { attachments, Organisation } from '../db/schema';
import type { InboundAttachment } from '../email/parse';
import { MAX_ATTACHMENT_BYTES, sanitiseFilename, sniffAttachment } from './policy';
import { deleteObjects, objectKeyOf, putObject } from './store';

/** An attachment row of inbound email, ready for the message's batch (its message id is set there). */
export type InboundRow = Omit<typeof attachments.$inferInsert, 'messageId'>;

/** Settings when the organisation is unknown: metadata only. */
const NO_CONTENT = { storeAttachments: false, attachmentMaxBytes: 0 };

/**
 * An email's attachments, stored by the rules of uploads: every file is recorded (name, declared type,
 * size); its bytes go to R2 only when the organisation keeps email attachments, the file fits its cap
 * (at most 10 MB) and its bytes are of an accepted type. A refused one says why (`refused`). The
 * caller writes the rows in its batch, and calls `discard` if that batch fails, so no object is left
 * that no row names.
 */
export async function storeInboundAttachments(
  bucket: R2Bucket,
  settings: Pick<Organisation, 'storeAttachments' | 'attachmentMaxBytes'> | null,
  ticketId: string,
  files: InboundAttachment[],
  now: number,
): Promise<{ rows: InboundRow[]; discard: () => Promise<void> }> {
  const org = settings ?? NO_CONTENT;
  const cap = Math.min(org.attachmentMaxBytes, MAX_ATTACHMENT_BYTES);
  const rows: InboundRow[] = [];
  const keys: string[] = [];
  for (const f of files) {
    const row: InboundRow = {
      id: crypto.randomUUID(),
      ticketId,
      filename: f.filename?.slice(0, 255) ?? null,
      contentType: f.contentType.slice(0, 127),
      size: f.size,
      uploadedBy: 'email',
      createdAt: now,
    };
    rows.push(row);
    if (!org.storeAttachments) {
      row.refused = 'not_kept';
      continue;
    }
    if (f.size > cap) {
      row.refused = 'too_large';
      continue;
    }
    const sniffed = await sniffAttachment(f.content);
    if (!sniffed.ok) {
      row.refused = 'unsupported_type';
      continue;
    }
    const objectKey = objectKeyOf(ticketId, row.id);
    const bytes = new Uint8Array(f.content) as Uint8Array<ArrayBuffer>;
    const { sha256 } = await putObject(bucket, objectKey, bytes, { type: sniffed.type });
    keys.push(objectKey);
    Object.assign(row, {
      objectKey,
      sha256,
      sniffedType: sniffed.type,
      filename: sanitiseFilename(f.filename, sniffed.type),
    });
  }
  return { rows, discard: () => deleteObjects(bucket, keys) };
}
