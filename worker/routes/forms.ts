import { z } from '@hono/zod-openapi';
import { every } from 'hono/combine';
import { TicketCreateSchema } from '../../shared/schema';
import { environmentFromHeaders } from '../forms/environment';
import { formErrors, missingAnswers } from '../forms/errors';
import { formFailure } from '../forms/failure';
import { emptyValues, FORM_KEY_FIELD, readForm, ticketBodyFrom } from '../forms/fields';
import { sendRequestForm, sendResult } from '../forms/pages';
import { formLocale } from '../forms/respond';
import { formStrings } from '../forms/strings';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotency';
import { limitBody } from '../middleware/body-limit';
import { formCsrf, requireForm } from '../middleware/form-post';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKeyFromQuery } from '../middleware/widget-key';
import { openWidgetTicket } from '../tickets/widget-intake';
import { createApi, issueDetails } from '../validation';

/** The form's address; the widget's loader links browsers below the floor here (widget/loader.ts). */
export const FORM_PATH = '/v1/forms/request';

const keyOf = (c: { req: { query: (k: string) => string | undefined } }) => c.req.query('key');
const readChain = every(rateLimit('RL_READ', keyOf), widgetKeyFromQuery, enforceRateLimit);
const postChain = every(
  formCsrf,
  rateLimit('RL_INTAKE', keyOf),
  widgetKeyFromQuery,
  enforceRateLimit,
  limitBody,
  requireForm,
);

/**
 * GET and POST /v1/forms/request: the widget's intake as a server-rendered page for browsers that
 * cannot run the widget. Same schema, rules, core and idempotency as POST /v1/tickets; every
 * failure is a readable page (forms/failure.ts), never JSON.
 */
export const formRoutes = createApi();

formRoutes.get(FORM_PATH, readChain, (c) =>
  sendRequestForm(c, {
    lang: formLocale(c),
    values: emptyValues(),
    errors: {},
    // Made now, posted back: a double submit or a refresh of the result is the same request.
    formKey: crypto.randomUUID(),
    environment: environmentFromHeaders(c.req.raw.headers),
    now: Date.now(),
  }),
);

formRoutes.post(FORM_PATH, postChain, async (c) => {
  const lang = formLocale(c);
  const s = formStrings(lang);
  const now = Date.now();
  // Decoded as UTF-8 (the page is, and says so in accept-charset); .text() would warn on this type.
  const body = new TextDecoder().decode(await c.req.arrayBuffer());
  const { values, formKey } = readForm(new URLSearchParams(body));
  const environment = environmentFromHeaders(c.req.raw.headers);
  const parsed = TicketCreateSchema.safeParse(ticketBodyFrom(values, environment, lang));
  const errors = {
    ...missingAnswers(values, s),
    ...(parsed.success ? {} : formErrors(issueDetails(parsed.error), values, s)),
  };
  const keyValid = formKey.length > 0 && formKey.length <= MAX_IDEMPOTENCY_KEY_LENGTH;
  if (!keyValid) errors.form ??= s.invalid;
  if (!parsed.success || Object.keys(errors).length > 0) {
    const input = { lang, values, errors, environment, now };
    return sendRequestForm(c, { ...input, formKey: keyValid ? formKey : crypto.randomUUID() }, 400);
  }
  const intake = await openWidgetTicket(c.var.db, {
    desk: c.var.desk,
    keyOrganisation: c.var.keyOrganisation,
    body: parsed.data,
    idempotencyKey: formKey,
    now,
  });
  return sendResult(c, lang, intake, now);
});

formRoutes.onError(formFailure);

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const query = z.object({
  key: z.string().max(128).openapi({ description: 'The desk’s (or organisation’s) public widget key' }),
  lang: z.enum(['id', 'en']).optional().openapi({ description: 'Page language; default the key’s locale' }),
});

formRoutes.openAPIRegistry.registerPath({
  method: 'get',
  path: FORM_PATH,
  tags: ['widget'],
  summary: 'The support request as a plain HTML form, for browsers below the widget’s floor (no JavaScript)',
  description:
    'Linked by the widget’s loader when the browser cannot run the panel (IE11, Safari before 16.4). The same ' +
    'questions as the widget, in Indonesian or English, with `maxlength` equal to the intake’s limits and a hidden ' +
    "per-form idempotency key. Strict CSP: no script, one hashed stylesheet, `form-action 'self'`. An unknown or " +
    'revoked key answers a readable 403 page.',
  request: { query },
  responses: { 200: html('The form'), 403: html('Unknown or revoked key'), 429: html('Rate limited') },
});

formRoutes.openAPIRegistry.registerPath({
  method: 'post',
  path: FORM_PATH,
  tags: ['widget'],
  summary: 'Send the no-JavaScript form: the same intake as `POST /v1/tickets`, answered with a result page',
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
