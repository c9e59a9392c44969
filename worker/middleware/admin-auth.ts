import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { ApiError } from '../errors';
import { bearerToken, constantTimeEqual } from '../tokens';
import { limitAuthFailures } from './auth-failure-limit';

/** Bearer env.ADMIN_SECRET (constant time); 401 otherwise, 503 `admin_disabled` when no secret is configured. */
const checkAdminSecret = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.env.ADMIN_SECRET;
  if (!secret)
    throw new ApiError(503, 'admin_disabled', 'The admin API is disabled: ADMIN_SECRET is not set.');
  const token = bearerToken(c.req.header('Authorization'));
  if (!token || !constantTimeEqual(token, secret)) {
    throw new ApiError(401, 'unauthorized', 'Send the admin secret as `Authorization: Bearer <secret>`.');
  }
  await next();
});

/** checkAdminSecret, with failed attempts limited per client IP (429 with Retry-After; auth-failure-limit.ts). */
export const adminAuth = limitAuthFailures('admin', checkAdminSecret);
