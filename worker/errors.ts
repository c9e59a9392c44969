import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error the API reports as `{"error": {code, message, details}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds, sent as Retry-After (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The JSON body of an error response: the one error shape of the API. */
export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** 404 that never reveals whether the resource exists in another desk. */
export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `No such ${what}.`);
