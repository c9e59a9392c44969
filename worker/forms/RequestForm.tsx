/** @jsxImportSource hono/jsx */
import { AffectedSchema, CategorySchema, type Locale, WorkaroundSchema } from '../../shared/schema';
import { fill } from '../../widget/fill';
import { ProblemQuestions, ServicesQuestions } from './CategoryQuestions';
import type { FormErrors } from './errors';
import { FORM_KEY_FIELD, type FormField, type FormValues } from './fields';
import {
  Choices,
  controlId,
  type FieldExtras,
  fieldProps,
  labelOf,
  type Questions,
  TextArea,
  TextInput,
} from './Inputs';
import { FORM_LIMITS as max } from './limits';
import { formHref, Page } from './Page';
import type { FormStrings } from './strings';

/** What the form page shows: the answers so far, their errors, and the facts around them. */
export interface RequestFormProps {
  s: FormStrings;
  lang: Locale;
  widgetKey: string;
  /** The idempotency key made when this form was first served; kept across re-renders. */
  formKey: string;
  values: FormValues;
  errors: FormErrors;
  /** "Support is open now." or when it opens. */
  status: string;
  /** The browser's name when the policy does not support it (it usually does not, here). */
  unsupportedBrowser?: string | undefined;
}

/** Fields in page order, for the error summary and the first invalid field's autofocus. */
const PAGE_ORDER: FormField[] = [
  'category',
  'subject',
  'description',
  'servicesKind',
  'affected',
  'workaround',
  'steps',
  'expected',
  'thirdPartyName',
  'name',
  'email',
];
const RADIO_FIRST: Partial<Record<FormField, string>> = {
  category: CategorySchema.options[0],
  affected: AffectedSchema.options[0],
  workaround: WorkaroundSchema.options[0],
};

/**
 * The whole request on one page, for a browser that runs no script: every question the widget asks
 * (the problem-only and services-only ones in their own marked groups), each with its label, limit
 * and error. Posts to itself; the hidden form key makes a resend the same request.
 */
export function RequestForm(p: RequestFormProps) {
  const { s, values: v, errors: e } = p;
  const invalid = PAGE_ORDER.filter((f) => e[f]);
  const first = invalid[0];
  const other: Locale = p.lang === 'id' ? 'en' : 'id';
  const q: Questions = { s, values: v, errors: e, first };
  const text = (id: FormField, more: FieldExtras = {}) => fieldProps(q, id, more);
  return (
    <Page lang={p.lang} title={s.title}>
      <p class="lang">
        <a href={formHref(p.widgetKey, other)} lang={other} hreflang={other}>
          {s.otherLang}
        </a>
      </p>
      <h1>{s.title}</h1>
      <p>{s.intro}</p>
      <p class="status">{p.status}</p>
      {p.unsupportedBrowser !== undefined && (
        <div class="notice">
          <p>{s.unsupportedOnForm}</p>
          <p>{fill(s.why_unsupported_browser, { browser: p.unsupportedBrowser })}</p>
        </div>
      )}
      {(invalid.length > 0 || e.form) && (
        <div class="summary" role="alert">
          <h2>{s.fixErrors}</h2>
          <ul>
            {invalid.map((f) => (
              <li>
                <a href={`#${controlId(f, RADIO_FIRST[f])}`}>
                  {labelOf(f, s)} — {e[f]}
                </a>
              </li>
            ))}
            {e.form && <li>{e.form}</li>}
          </ul>
        </div>
      )}
      <form method="post" action={formHref(p.widgetKey, p.lang)} accept-charset="utf-8">
        <input type="hidden" name={FORM_KEY_FIELD} value={p.formKey} />
        <Choices
          name="category"
          legend={s.category}
          options={CategorySchema.options.map((c) => [c, s[`cat_${c}`]])}
          value={v.category}
          error={e.category}
          required
          autofocus={first === 'category'}
        />
        <TextInput {...text('subject', { maxlength: max.subject, required: true })} />
        <TextArea
          {...text('description', { maxlength: max.description, required: true, hint: s.descriptionHint })}
          rows={8}
        />
        <ServicesQuestions {...q} />
        <ProblemQuestions {...q} />
        <h2>{s.step_contact}</h2>
        <TextInput {...text('name', { maxlength: max.name, required: true, autocomplete: 'name' })} />
        <TextInput
          {...text('email', { maxlength: max.email, required: true, autocomplete: 'email' })}
          type="email"
        />
        <button type="submit">{s.submit}</button>
      </form>
    </Page>
  );
}
