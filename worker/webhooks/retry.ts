const MINUTE = 60_000;

/** First retry after one minute; each later one waits twice as long… */
export const RETRY_BASE_MS = MINUTE;
/** …but never more than eight hours between two attempts. */
export const RETRY_CAP_MS = 8 * 60 * MINUTE;
/** Each wait is stretched by up to this fraction (never shortened), so retries of one outage spread out. */
export const RETRY_JITTER = 0.25;
/**
 * Attempts before a delivery is `failed`: the 17 waits of the schedule add up to 72 h 31 min
 * without jitter (1, 2, 4 … 256 minutes, then 8 hours eight times), so a receiver that is down
 * for up to three days still gets the event, as with Stripe.
 */
export const MAX_WEBHOOK_ATTEMPTS = 18;

/**
 * Milliseconds to wait after failed attempt number `attempt` (1-based) before the next one, or
 * null when that was the last (give up). Exponential from RETRY_BASE_MS, capped at RETRY_CAP_MS,
 * times 1 + RETRY_JITTER × `random` (`random` in [0, 1), e.g. Math.random(); pass it in for tests).
 */
export function retrySchedule(attempt: number, random: number): number | null {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  if (attempt >= MAX_WEBHOOK_ATTEMPTS) return null;
  const nominal = Math.min(RETRY_BASE_MS * 2 ** (attempt - 1), RETRY_CAP_MS);
  const jitter = 1 + RETRY_JITTER * Math.min(Math.max(random, 0), 1);
  return Math.round(nominal * jitter);
}
