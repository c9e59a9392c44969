import { z } from '@hono/zod-openapi';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotency';
import type { createApi } from '../validation';
import { FORM_KEY_FIELD } from './fields';

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const query = z.object({
  key: z.string().max(128).openapi({ description: 'The desk’s (or organisation’s) public widget key' }),
  lang: z.enum(['id', 'en']).optional().openapi({ description: 'Page language; default the key’s locale' }),
});

/** Describes GET and POST of the form at `path` in the OpenAPI document (and so on /docs). */
export function registerFormDocs(
  registry: ReturnType<typeof createApi>['openAPIRegistry'],
  path: string,
): void {
  registry.registerPath({
    method: 'get',
    path,
    tags: ['widget'],
    summary:
      'The support request as a plain HTML form, for browsers below the widget’s floor (no JavaScript)',
    description:
      'Linked by the widget’s loader when the browser cannot run the panel (IE11, Safari before 16.4). The same ' +
      'questions as the widget, in Indonesian or English, with `maxlength` equal to the intake’s limits and a hidden ' +
      "per-form idempotency key. Strict CSP: no script, one hashed stylesheet, `form-action 'self'`. An unknown or " +
      'revoked key answers a readable 403 page.',
    request: { query },
    responses: { 200: html('The form'), 403: html('Unknown or revoked key'), 429: html('Rate limited') },
  });

  registry.registerPath({
    method: 'post',
    path,
    tags: ['widget'],
    summary:
      'Send the no-JavaScript form: the same intake as `POST /v1/tickets`, answered with a result page',
    description:
      'An `application/x-www-form-urlencoded` post from this origin only (hono/csrf; browsers that send neither ' +
      '`Origin` nor `Sec-Fetch-Site` are checked by `Referer`). The fields become a TicketCreate body, validated by the ' +
      'same schema; the environment comes from `User-Agent` and `Accept-Language` (an old browser is flagged ' +
      '`unsupported_environment`, never refused). The hidden form key is the Idempotency-Key: a resend shows the same ' +
      'ticket (200), other content with it is a 409 page. Errors re-render the form with the answers kept and ' +
      'localised messages by field (400).',
    request: {
      query,
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              [FORM_KEY_FIELD]: z.string().max(MAX_IDEMPOTENCY_KEY_LENGTH),
              category: z.string(),
              servicesKind: z.string().optional(),
              subject: z.string(),
              description: z.string(),
              steps: z.string().optional(),
              expected: z.string().optional(),
              affected: z.string().optional(),
              workaround: z.string().optional(),
              thirdParty: z.literal('yes').optional(),
              thirdPartyName: z.string().optional(),
              name: z.string(),
              email: z.string(),
            }),
          },
        },
      },
    },
    responses: {
      201: html('The result page: ticket number, severity, first-response target, open now or not'),
      200: html('The same result for a resend of the same form'),
      400: html('The form again, with the answers and a message at each invalid field'),
      403: html('Cross-site post, or an unknown or revoked key'),
      409: html('The form key was already used with other content'),
      413: html('Body larger than 64 KB'),
      415: html('Not a form post'),
      429: html('Rate limited; see Retry-After'),
      503: html('Database unavailable; see Retry-After'),
    },
  });
}
