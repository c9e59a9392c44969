import { every } from 'hono/combine';
import { TicketCreateSchema } from '../../shared/schema';
import { queueWidgetConfirmation } from '../email/confirmation';
import { environmentFromHeaders } from '../forms/environment';
import { formErrors, missingAnswers } from '../forms/errors';
import { formFailure } from '../forms/failure';
import { emptyValues, readForm, ticketBodyFrom } from '../forms/fields';
import { registerFormDocs } from '../forms/openapi';
import { sendRequestForm, sendResult } from '../forms/pages';
import { formLocale } from '../forms/respond';
import { formStrings } from '../forms/strings';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotency';
import { limitBody } from '../middleware/body-limit';
import { formCsrf, requireForm } from '../middleware/form-post';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKeyFromQuery } from '../middleware/widget-key';
import { alertSecurityTeam } from '../tickets/security-alert';
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
    // A problem, as the widget's draft starts (widget/draft.ts).
    values: { ...emptyValues(), category: 'problem' },
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
  if (!intake.opened.replayed) {
    const t = intake.opened.ticket;
    // Guide section 11: the desk's security team is told at once, as for a widget report.
    if (t.flags.includes('security_incident')) {
      await alertSecurityTeam(c.env, c.var.db, c.var.desk, intake.audience.organisation, t, now);
    }
    // The same confirmation as a widget ticket, queued after the answer.
    c.executionCtx.waitUntil(
      queueWidgetConfirmation(c.env, intake.opened.ticket).catch((err) =>
        console.error('confirmation mail', err),
      ),
    );
  }
  return sendResult(c, lang, intake, now);
});

formRoutes.onError(formFailure);

registerFormDocs(formRoutes.openAPIRegistry, FORM_PATH);
