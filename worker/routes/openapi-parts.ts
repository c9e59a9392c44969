import { ErrorBodySchema, ValidationErrorBodySchema } from '../../shared/schema';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (`validation_failed` with details [{path, code, message, minimum?, maximum?}], `invalid_json`, ...)',
  401: 'Missing credentials',
  403: 'Credentials not valid here (unknown or revoked key, origin not allowed)',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed (`precondition_failed`): If-Match does not name the current ETag',
  413: 'Body larger than 64 KB (`body_too_large`)',
  415: 'Body is not application/json (`unsupported_media_type`)',
  429: 'Rate limited (`rate_limited`); see Retry-After',
  503: 'Database unavailable (`unavailable`); see Retry-After',
};

/** OpenAPI response entries for the given error statuses, all in the one error shape. */
export function errorResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: ERROR_DESCRIPTIONS[s] ?? 'Error',
        content: { 'application/json': { schema: s === 400 ? ValidationErrorBodySchema : ErrorBodySchema } },
      },
    ]),
  ) as Record<
    S,
    {
      description: string;
      content: {
        'application/json': { schema: typeof ErrorBodySchema | typeof ValidationErrorBodySchema };
      };
    }
  >;
}

/** The security requirement of widget routes (the scheme is registered in routes/docs.ts). */
export const widgetKeySecurity = [{ widgetKey: [] as string[] }];
