/** @jsxImportSource hono/jsx */
import { AffectedSchema, CategorySchema, type Locale, WorkaroundSchema } from '../../shared/schema';
import { SERVICES_KINDS } from '../../shared/services-kinds';
import { fill } from '../../widget/fill';
import type { FormErrors } from './errors';
import { FORM_KEY_FIELD, type FormField, type FormValues } from './fields';
import { Choices, controlId, TextArea, TextInput } from './Inputs';
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
  'steps',
  'expected',
  'affected',
  'workaround',
  'thirdPartyName',
  'name',
  'email',
];
const RADIO_FIRST: Partial<Record<FormField, string>> = {
  category: CategorySchema.options[0],
  affected: AffectedSchema.options[0],
  workaround: WorkaroundSchema.options[0],
};

/** The label a field goes by in the error summary. */
const labelOf = (f: FormField, s: FormStrings): string =>
  f === 'thirdParty' ? s.thirdParty : f === 'description' ? s.description : s[f];

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
  const text = (id: FormField, more: Partial<Parameters<typeof TextInput>[0]> = {}) => ({
    id,
    label: labelOf(id, s),
    value: v[id],
    error: e[id],
    autofocus: first === id,
    maxlength: 0,
    ...more,
  });
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
        <fieldset>
          <legend>{s.servicesOnly}</legend>
          <div class="field">
            <label for="servicesKind">{s.servicesKind}</label>
            {e.servicesKind && (
              <p class="error" id="servicesKind-error">
                {e.servicesKind}
              </p>
            )}
            <select
              id="servicesKind"
              name="servicesKind"
              autofocus={first === 'servicesKind'}
              aria-invalid={e.servicesKind ? 'true' : undefined}
              aria-describedby={e.servicesKind ? 'servicesKind-error' : undefined}
            >
              <option value="">{s.chooseOne}</option>
              {SERVICES_KINDS.map((k) => (
                <option value={k} selected={v.servicesKind === k}>
                  {s[`sk_${k}`]}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>{s.problemOnly}</legend>
          <p class="hint">{s.problemOnlyHint}</p>
          <Choices
            name="affected"
            legend={s.affected}
            options={AffectedSchema.options.map((a) => [a, s[`aff_${a}`]])}
            value={v.affected}
            error={e.affected}
            autofocus={first === 'affected'}
          />
          <Choices
            name="workaround"
            legend={s.workaround}
            options={WorkaroundSchema.options.map((w) => [w, s[`wa_${w}`]])}
            value={v.workaround}
            error={e.workaround}
            autofocus={first === 'workaround'}
          />
          <TextArea {...text('steps', { maxlength: max.steps, note: s.optional })} rows={4} />
          <TextArea {...text('expected', { maxlength: max.expected, note: s.optional })} rows={3} />
          <div class="field choice">
            <input
              type="checkbox"
              id="thirdParty"
              name="thirdParty"
              value="yes"
              checked={v.thirdParty === 'yes'}
            />
            <label for="thirdParty">{s.thirdParty}</label>
          </div>
          <TextInput {...text('thirdPartyName', { maxlength: max.thirdPartyName, note: s.optional })} />
        </fieldset>
        <h2>{s.stepContact}</h2>
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
