/** Bytes of an oversized body read (and discarded) after the limit, so the connection can be reused. */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/** What `readWithin` found: the whole body, or that it was larger than allowed. */
export type BodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; drained: boolean };

/**
 * Reads `body` whole if it holds at most `maxBytes`. A larger body is read on to its end and thrown
 * away (at most `drainBytes` more; `drained: true`), never cancelled: an unread or cancelled rest
 * leaves the HTTP/1.1 connection mid-request, and under `wrangler dev` the next request on it (or
 * from any client) hangs. Only past `drainBytes` is the rest cancelled (`drained: false`), so an
 * endless upload cannot hold the worker.
 */
export async function readWithin(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  { drainBytes = DRAIN_MAX_BYTES }: { drainBytes?: number } = {},
): Promise<BodyRead> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) return { ok: false, drained: await drain(reader, drainBytes) };
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** Reads and discards the rest of a stream, up to `limit` bytes; true when it reached the end. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<boolean> {
  let discarded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    discarded += value.byteLength;
    if (discarded > limit) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
  }
}
