/**
 * A small per-isolate cache: entries live until their expiry time and at most `maxEntries` are kept
 * (the oldest insertion is dropped first). Time is passed in, so callers and tests control it.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
  ) {}

  /** The live value under `key` at `now`, or undefined (an expired entry is dropped). */
  get(key: string, now: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` until `now + ttlMs`, or until `expiresAt` when that comes first. */
  set(key: string, value: V, now: number, expiresAt = Number.POSITIVE_INFINITY): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt: Math.min(now + this.ttlMs, expiresAt) });
  }

  /** Forgets every entry (e.g. after an admin change, so this isolate sees it at once). */
  clear(): void {
    this.#entries.clear();
  }

  /** Number of entries held (expired ones included until they are read). */
  get size(): number {
    return this.#entries.size;
  }
}
