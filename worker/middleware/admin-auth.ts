import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { ApiError } from '../errors';
import { bearerToken, constantTimeEqual } from '../tokens';

/** Bearer env.ADMIN_SECRET (constant time); 401 otherwise, 503 `admin_disabled` when no secret is configured. */
export const adminAuth = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.env.ADMIN_SECRET;
  if (!secret)
    throw new ApiError(503, 'admin_disabled', 'The admin API is disabled: ADMIN_SECRET is not set.');
  const token = bearerToken(c.req.header('Authorization'));
  if (!token || !constantTimeEqual(token, secret)) {
    throw new ApiError(401, 'unauthorized', 'Send the admin secret as `Authorization: Bearer <secret>`.');
  }
  await next();
});
