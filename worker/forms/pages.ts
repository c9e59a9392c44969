import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { evaluateEnvironment } from '../../shared/environment';
import type { Category, EnvironmentReport, Locale, Severity } from '../../shared/schema';
import type { AppEnv } from '../app-env';
import { coverageOf } from '../coverage';
import type { WidgetIntake } from '../tickets/widget-intake';
import type { FormErrors } from './errors';
import type { FormValues } from './fields';
import { RequestForm } from './RequestForm';
import { ResultPage } from './ResultPage';
import { sendPage } from './respond';
import { supportStatus, supportTime } from './status';
import { formStrings } from './strings';

/**
 * Answers with the request form: the key's organisation (else the desk) decides the hours shown,
 * the request's own headers whether the browser is outside the policy.
 */
export async function sendRequestForm(
  c: Context<AppEnv>,
  i: {
    lang: Locale;
    values: FormValues;
    errors: FormErrors;
    formKey: string;
    environment: EnvironmentReport;
    now: number;
  },
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const s = formStrings(i.lang);
  const holder = c.var.keyOrganisation ?? c.var.desk;
  const { coverage } = await coverageOf(c.var.db, holder, i.now);
  const verdict = evaluateEnvironment(i.environment);
  const page = RequestForm({
    s,
    lang: i.lang,
    widgetKey: c.req.query('key') ?? '',
    formKey: i.formKey,
    values: i.values,
    errors: i.errors,
    status: supportStatus(coverage.calendar, i.now, s, i.lang),
    unsupportedBrowser: verdict.supported
      ? undefined
      : (i.environment.browser?.name ?? i.environment.userAgent),
  });
  return sendPage(c, page, status);
}

/** Answers with the result of a sent form: 201 when it opened a ticket, 200 for a resend of the same form. */
export function sendResult(
  c: Context<AppEnv>,
  lang: Locale,
  intake: WidgetIntake,
  now: number,
): Promise<Response> {
  const s = formStrings(lang);
  const t = intake.opened.ticket;
  const severity = t.severity as Severity;
  // A severity may have hours of its own (e.g. 24x7 for severity 1): its due time and state use them.
  const cal = intake.coverage.targets[severity].calendar;
  const page = ResultPage({
    s,
    lang,
    widgetKey: c.req.query('key') ?? '',
    r: {
      number: t.number,
      severity,
      category: t.category as Category,
      due: supportTime(t.firstResponseDueAt, cal, lang),
      email: t.contactEmail,
      status: supportStatus(cal, now, s, lang),
    },
  });
  return sendPage(c, page, intake.opened.replayed ? 200 : 201);
}
