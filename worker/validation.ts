import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { ValidationDetail } from '../shared/schema';
import type { AppEnv } from './app-env';
import { ApiError } from './errors';

/** A zod bound (number or bigint; a date's bound as epoch ms) as a JSON number. */
const bound = (v: unknown): number | undefined =>
  typeof v === 'number' || typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : undefined;

/** One `{path, code, message, minimum?, maximum?}` per zod issue: the `details` of a 400 `validation_failed`. */
export function issueDetails(error: ZodError): ValidationDetail[] {
  return error.issues.map((i) => {
    const limits = i as { minimum?: unknown; maximum?: unknown };
    const minimum = bound(limits.minimum);
    const maximum = bound(limits.maximum);
    return {
      path: i.path.map(String).join('.'),
      code: i.code,
      message: i.message,
      ...(minimum === undefined ? {} : { minimum }),
      ...(maximum === undefined ? {} : { maximum }),
    };
  });
}

/**
 * The validation hook of every OpenAPI route: failures become the API's one error shape instead of
 * hono's default. A missing or too long Idempotency-Key header has its own code (issue 3).
 */
export function validationHook(result: { success: boolean; target: string; error?: ZodError }): void {
  if (result.success || !result.error) return;
  const keyIssue =
    result.target === 'header' && result.error.issues.find((i) => i.path[0] === 'idempotency-key');
  if (keyIssue) {
    // Missing (intake requires one) and malformed (too long, on any route) are different mistakes.
    const missing = keyIssue.code === 'invalid_type';
    throw new ApiError(
      400,
      missing ? 'idempotency_key_required' : 'invalid_idempotency_key',
      missing
        ? 'Send an Idempotency-Key header (1-128 characters), one per submission.'
        : 'The Idempotency-Key header must be 1-128 characters.',
    );
  }
  throw new ApiError(400, 'validation_failed', 'The request is not valid.', issueDetails(result.error));
}

/** A router whose routes validate with zod, report errors in the API's shape and appear in the OpenAPI document. */
export function createApi() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
