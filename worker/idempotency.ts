import { z } from '@hono/zod-openapi';
import { ApiError } from './errors';
import { canonicalJson } from './tickets/assessment';
import { sha256Hex } from './tokens';

/**
 * Idempotent writes (issue 3), shared by the intake, replies and escalations: the key and the
 * request are stored as hashes on the row, a unique index per desk (or ticket) decides which of two requests
 * with one key wins, and the loser reads the winner back. No lookup before the write: a first
 * request costs one batch.
 */

/** Longest Idempotency-Key accepted. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

const keySchema = z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).openapi({
  description:
    'One per logical request; a retry with the same key and body is answered 200 with the first result.',
});

/** Request headers of a route that may be retried with an optional `Idempotency-Key`. */
export const OptionalIdempotencyHeaders = z.object({ 'idempotency-key': keySchema.optional() });

/** The stored form of a key and its request: SHA-256 hex of the key and of the canonical JSON request. */
export interface IdempotencyHashes {
  keyHash: string;
  requestHash: string;
}

/** Hashes an Idempotency-Key and its request (canonical JSON: object key order does not matter). */
export async function idempotencyHashes(key: string, request: unknown): Promise<IdempotencyHashes> {
  const [keyHash, requestHash] = await Promise.all([sha256Hex(key), sha256Hex(canonicalJson(request))]);
  return { keyHash, requestHash };
}

/** 409 `idempotency_conflict` unless the stored request is the one being retried. */
export function assertSameRequest(storedRequestHash: string | null, requestHash: string): void {
  if (storedRequestHash !== requestHash) {
    throw new ApiError(
      409,
      'idempotency_conflict',
      'This Idempotency-Key was already used with a different request.',
    );
  }
}

/** What an idempotent write did: wrote `value` now (201), or found the earlier row (200, nothing written). */
export type Written<W, E> = { replayed: false; value: W } | { replayed: true; value: E };

/**
 * Runs `write`; when it fails on the key's unique index (`isKeyConflict`), reads the row that won
 * (`findExisting`) and returns it as a replay, or throws 409 if that row was written for another
 * request. Without a key the write simply runs.
 */
export async function writeOnce<W, E extends { requestHash: string | null }>(
  hashes: IdempotencyHashes | undefined,
  write: () => Promise<W>,
  isKeyConflict: (err: unknown) => boolean,
  findExisting: (keyHash: string) => Promise<E | undefined>,
): Promise<Written<W, E>> {
  try {
    return { replayed: false, value: await write() };
  } catch (err) {
    if (!hashes || !isKeyConflict(err)) throw err;
    const existing = await findExisting(hashes.keyHash);
    if (!existing) throw err;
    assertSameRequest(existing.requestHash, hashes.requestHash);
    return { replayed: true, value: existing };
  }
}
