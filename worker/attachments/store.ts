import { sha256Hex } from '../tokens';

/**
 * The attachments' bytes in R2 (binding `ATTACHMENTS`). Every body is a buffer: R2 refuses a stream
 * of unknown length, and the bytes were read whole anyway to decide their type.
 */

/** The R2 key of an attachment: by ticket and id (both known before the row is written). */
export const objectKeyOf = (ticketId: string, attachmentId: string) =>
  `attachments/${ticketId}/${attachmentId}`;

/** Puts the bytes under `key`; R2 checks them against their SHA-256 on arrival. */
export async function putObject(
  bucket: R2Bucket,
  key: string,
  bytes: Uint8Array<ArrayBuffer>,
  meta: { sha256?: string; type: string | null },
): Promise<{ sha256: string }> {
  const sha256 = meta.sha256 ?? (await sha256Hex(bytes));
  await bucket.put(key, bytes, {
    sha256,
    // The stored type is never what a download is served as (routes set their own headers).
    httpMetadata: { contentType: meta.type ?? 'application/octet-stream' },
    customMetadata: { sha256 },
  });
  return { sha256 };
}

/** Whether `key` holds exactly these bytes (size and SHA-256), read back from R2. */
export async function isStored(
  bucket: R2Bucket,
  key: string,
  size: number,
  sha256: string,
): Promise<boolean> {
  const object = await bucket.get(key);
  if (!object || object.size !== size) return false;
  return (await sha256Hex(new Uint8Array(await object.arrayBuffer()))) === sha256;
}

/** Deletes objects that no row will name (a write that failed after its upload). */
export async function deleteObjects(bucket: R2Bucket, keys: string[]): Promise<void> {
  if (keys.length) await bucket.delete(keys).catch((err) => console.error('R2 delete', keys, err));
}
