import type { Agent } from '../app-env';
import {
  findAttachmentByKey,
  insertAttachment,
  isAttachmentKeyConflict,
  type ListedAttachment,
} from '../db/attachments';
import type { Db } from '../db/client';
import type { Ticket } from '../db/schema';
import { ApiError } from '../errors';
import { assertSameRequest, idempotencyHashes, type Written, writeOnce } from '../idempotency';
import { sha256Hex } from '../tokens';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, sanitiseFilename, sniffAttachment } from './policy';
import { deleteObjects, objectKeyOf, putObject } from './store';
import { type AttachmentView, toAttachmentView } from './view';

/** Who uploads: the ticket's customer (widget, conversation page) or an agent of its desk. */
export type Uploader = { kind: 'customer' } | { kind: 'agent'; agent: Pick<Agent, 'id'> };

/** 413 `attachment_too_large`. */
export const tooLarge = () =>
  new ApiError(
    413,
    'attachment_too_large',
    `An attachment may be at most ${MAX_ATTACHMENT_BYTES} bytes (10 MB).`,
  );

/** 415 `unsupported_attachment_type`, naming what the bytes were taken for. */
const refusedType = (detected: string | null) =>
  new ApiError(
    415,
    'unsupported_attachment_type',
    'Attach a screenshot or image (PNG, JPEG, GIF, WebP), a PDF, a plain-text log, or a zip or gzip archive.',
    { detected, accepted: Object.keys(ATTACHMENT_TYPES) },
  );

/** One upload: the bytes as received, the name the client gave, an Idempotency-Key if it sent one. */
export interface Upload {
  db: Db;
  bucket: R2Bucket;
  ticket: Pick<Ticket, 'id'>;
  uploader: Uploader;
  bytes: Uint8Array<ArrayBuffer>;
  filename: string | null;
  declaredType: string | null;
  idempotencyKey?: string;
  now: number;
}

/**
 * Stores an attachment on a ticket, not yet on a message (a message POST claims it by id). The type is
 * decided by the bytes; the object goes to R2 first and the row to D1 after, so a row always names a
 * stored object (an object whose row failed is deleted). With an Idempotency-Key, a retry of the same
 * upload (same uploader, name and bytes) is answered with the first attachment and writes nothing.
 */
export async function uploadAttachment(u: Upload): Promise<Written<AttachmentView, AttachmentView>> {
  if (u.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw tooLarge();
  if (u.bytes.byteLength === 0) throw new ApiError(400, 'empty_attachment', 'The attachment is empty.');
  const sniffed = await sniffAttachment(u.bytes);
  if (!sniffed.ok) throw refusedType(sniffed.detected);
  const filename = sanitiseFilename(u.filename, sniffed.type);
  const sha256 = await sha256Hex(u.bytes);
  const author = u.uploader.kind === 'agent' ? `agent:${u.uploader.agent.id}` : 'customer';
  const hashes =
    u.idempotencyKey === undefined
      ? undefined
      : await idempotencyHashes(u.idempotencyKey, { author, filename, sha256 });
  const find = (keyHash: string) =>
    findAttachmentByKey(u.db, u.ticket.id, keyHash).then(
      (row) => row && { requestHash: row.requestHash, view: toAttachmentView(row as ListedAttachment) },
    );
  // A retry skips the 10 MB put: the key is looked up first (the unique index still settles a race).
  if (hashes) {
    const earlier = await find(hashes.keyHash);
    if (earlier) {
      assertSameRequest(earlier.requestHash, hashes.requestHash);
      return { replayed: true, value: earlier.view };
    }
  }
  const id = crypto.randomUUID();
  const objectKey = objectKeyOf(u.ticket.id, id);
  await putObject(u.bucket, objectKey, u.bytes, { sha256, type: sniffed.type });
  const row = {
    id,
    ticketId: u.ticket.id,
    messageId: null,
    filename,
    contentType: u.declaredType?.slice(0, 127) ?? null,
    size: u.bytes.byteLength,
    objectKey,
    sniffedType: sniffed.type,
    sha256,
    uploadedBy: u.uploader.kind,
    agentId: u.uploader.kind === 'agent' ? u.uploader.agent.id : null,
    refused: null,
    idempotencyKey: hashes?.keyHash ?? null,
    requestHash: hashes?.requestHash ?? null,
    createdAt: u.now,
  };
  try {
    const written = await writeOnce(
      hashes,
      async () => {
        await insertAttachment(u.db, row);
        return toAttachmentView(row);
      },
      isAttachmentKeyConflict,
      find,
    );
    if (!written.replayed) return written;
    // Another request with the key won the race: its object stays, this one goes.
    await deleteObjects(u.bucket, [objectKey]);
    return { replayed: true, value: written.value.view };
  } catch (err) {
    await deleteObjects(u.bucket, [objectKey]);
    throw err;
  }
}
