import type { Attachment } from '../db/schema';
import { notFound } from '../errors';
import { type AttachmentType, contentDisposition, sanitiseFilename, sniffAttachment } from './policy';

/**
 * How every attachment is answered, whoever asks: as a download (`Content-Disposition: attachment`
 * with the RFC 6266 name), in the type decided from its bytes, never sniffed by the browser
 * (`nosniff`), and sandboxed with nothing allowed should a browser render it anyway.
 */
export const ATTACHMENT_CSP = "sandbox; default-src 'none'";

/** The download response of an attachment the caller may see (404 when its bytes are not kept). */
export async function attachmentResponse(bucket: R2Bucket, a: Attachment): Promise<Response> {
  if (a.refused) throw notFound('attachment');
  let body: ReadableStream | Uint8Array<ArrayBuffer>;
  let size: number;
  let type = a.sniffedType;
  if (a.objectKey) {
    const object = await bucket.get(a.objectKey);
    if (!object) throw notFound('attachment');
    body = object.body;
    size = object.size;
  } else if (a.content) {
    // A legacy blob the backfill has not moved yet: its type is decided now, as the backfill would.
    const bytes = new Uint8Array(
      a.content.buffer.slice(
        a.content.byteOffset,
        a.content.byteOffset + a.content.byteLength,
      ) as ArrayBuffer,
    );
    const sniffed = await sniffAttachment(bytes);
    if (!sniffed.ok) throw notFound('attachment');
    type = sniffed.type;
    body = bytes;
    size = bytes.byteLength;
  } else {
    throw notFound('attachment');
  }
  if (!type) throw notFound('attachment');
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': type,
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition(sanitiseFilename(a.filename, type as AttachmentType)),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': ATTACHMENT_CSP,
      'Cross-Origin-Resource-Policy': 'same-site',
      'Cache-Control': 'private, no-store',
    },
  });
}
