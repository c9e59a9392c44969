import { describe, expect, it } from 'vitest';
import { readWithin } from '../../worker/body-read';

/** A pull-based stream of `chunks` chunks of `size` bytes that records how far it was read and whether it was cancelled. */
function countingStream(chunks: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= chunks) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(size).fill(seen.pulled % 256));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe('readWithin', () => {
  it('returns the whole body, byte for byte, when it is within the limit', async () => {
    const { stream, seen } = countingStream(4, 1000);
    const read = await readWithin(stream, 4000);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.bytes.byteLength).toBe(4000);
    expect([read.bytes[0], read.bytes[999], read.bytes[1000], read.bytes[3999]]).toEqual([1, 1, 2, 4]);
    expect(seen.cancelled).toBe(false);
  });

  it('returns an empty body for an empty stream', async () => {
    const read = await readWithin(countingStream(0, 1).stream, 10);
    expect(read).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });

  it('reads an oversized body to its end without cancelling it', async () => {
    const { stream, seen } = countingStream(50, 1000);
    const read = await readWithin(stream, 4000);
    expect(read).toEqual({ ok: false, drained: true });
    expect(seen.pulled).toBe(50);
    expect(seen.cancelled).toBe(false);
  });

  it('is over the limit by a single byte', async () => {
    const read = await readWithin(countingStream(4001, 1).stream, 4000);
    expect(read).toEqual({ ok: false, drained: true });
  });

  it('cancels only past the drain budget, so an endless upload cannot hold the worker', async () => {
    const { stream, seen } = countingStream(1_000_000, 1000);
    const read = await readWithin(stream, 4000, { drainBytes: 20_000 });
    expect(read).toEqual({ ok: false, drained: false });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(40);
  });
});
