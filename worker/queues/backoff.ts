/** Attempts of one mail before it is dead-lettered: wrangler.toml's max_retries for kinobi-mail is this minus one. */
export const MAIL_ATTEMPTS = 5;
/** The longest delay Cloudflare Queues accepts for `retry({ delaySeconds })` and `send(…, { delaySeconds })`. */
export const MAX_DELAY_SECONDS = 43_200;

const BASE_SECONDS = 60;
const CAP_SECONDS = 15 * 60;

/**
 * Seconds to wait before a message's next attempt after attempt number `attempts` (1-based, the
 * queue's `msg.attempts`) failed: 1, 2, 4, 8 minutes, at most 15, stretched by up to 25 % with
 * `random` in [0, 1) so the retries of one outage spread out.
 */
export function backoffSeconds(attempts: number, random: number): number {
  const n = Number.isInteger(attempts) && attempts >= 1 ? attempts : 1;
  const nominal = Math.min(BASE_SECONDS * 2 ** (n - 1), CAP_SECONDS);
  return Math.round(nominal * (1 + 0.25 * Math.min(Math.max(random, 0), 1)));
}

/** A wait in milliseconds as whole `delaySeconds` (rounded up, within the queue's limit). */
export const delaySecondsOf = (ms: number) => Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(ms / 1000)));
