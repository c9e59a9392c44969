import type { DeliveryMessage } from './queues/messages';

/** Bindings and vars the worker receives (see wrangler.toml). */
export interface Env {
  /** The control database (directory, holidays); also the data database of desks placed before issue 15. */
  DB: D1Database;
  /** Data databases (worker/db/databases.ts). */
  DATA_1: D1Database;
  DATA_2: D1Database;
  ASSETS: Fetcher;
  RL_INTAKE: RateLimit;
  RL_READ: RateLimit;
  /** Failed authentications per realm and client IP (middleware/auth-failure-limit.ts). */
  RL_AUTH_FAIL: RateLimit;
  EMAIL: SendEmail;
  /** Attachments' bytes (R2); metadata is in D1's `attachments`. */
  ATTACHMENTS: R2Bucket;
  /** Webhook deliveries to send (queue kinobi-webhooks; worker/queues/). */
  WEBHOOK_QUEUE: Queue<DeliveryMessage>;
  /** Mail to send (queue kinobi-mail; worker/queues/). */
  MAIL_QUEUE: Queue<DeliveryMessage>;
  ADMIN_SECRET?: string;
  ENVIRONMENT?: string;
  SUPPORT_EMAIL_DOMAIN?: string;
  /** Where customers open links from mail (the conversation page `/r/<token>`), e.g. https://support.example. */
  PUBLIC_BASE_URL?: string;
  /** Development only: `on` counts D1 statements for the capacity bench (worker/dev/d1-counter.ts). */
  D1_QUERY_COUNTER?: string;
}
