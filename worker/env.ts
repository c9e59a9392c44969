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
  ADMIN_SECRET?: string;
  ENVIRONMENT?: string;
  SUPPORT_EMAIL_DOMAIN?: string;
  /** Where customers open links from mail (the conversation page `/r/<token>`), e.g. https://support.example. */
  PUBLIC_BASE_URL?: string;
}
