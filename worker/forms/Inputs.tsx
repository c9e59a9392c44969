/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { FormErrors } from './errors';
import type { FormField, FormValues } from './fields';
import type { FormStrings } from './strings';

/** The ids of a field's hint and error, joined for `aria-describedby` (undefined when neither shows). */
const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** What every labelled text input takes. */
interface TextProps {
  id: FormField;
  label: string;
  value: string;
  maxlength: number;
  error?: string | undefined;
  hint?: string | undefined;
  /** Shown after the label, e.g. "(optional)". */
  note?: string | undefined;
  required?: boolean;
  autofocus?: boolean;
}

/** Label, hint and error above the control; the error also marks the control (`aria-invalid`). */
function Labelled(props: TextProps & { children: Child }) {
  const { id, hint, error } = props;
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.note && <span class="hint"> {props.note}</span>}
      </label>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {props.children}
    </div>
  );
}

/** A one-line text (or email) input with its label, limit and error. */
export function TextInput(props: TextProps & { type?: 'text' | 'email'; autocomplete?: string }) {
  const { id, error } = props;
  return (
    <Labelled {...props}>
      <input
        type={props.type ?? 'text'}
        id={id}
        name={id}
        value={props.value}
        maxlength={props.maxlength}
        required={props.required}
        autocomplete={props.autocomplete}
        autofocus={props.autofocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      />
    </Labelled>
  );
}

/** A multi-line text area with its label, limit and error. */
export function TextArea(props: TextProps & { rows?: number }) {
  const { id, error } = props;
  return (
    <Labelled {...props}>
      <textarea
        id={id}
        name={id}
        rows={props.rows ?? 6}
        maxlength={props.maxlength}
        required={props.required}
        autofocus={props.autofocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.value}
      </textarea>
    </Labelled>
  );
}

/** A radio group in a fieldset: the legend names it, its error is linked to the group. */
export function Choices(props: {
  name: FormField;
  legend: string;
  options: [value: string, label: string][];
  value: string;
  error?: string | undefined;
  required?: boolean;
  autofocus?: boolean;
}) {
  const { name, error } = props;
  return (
    <fieldset class={error ? 'invalid' : undefined} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{props.legend}</legend>
      {error && (
        <p class="error" id={`${name}-error`}>
          {error}
        </p>
      )}
      {props.options.map(([value, label], i) => (
        <div class="choice">
          <input
            type="radio"
            id={`${name}-${value}`}
            name={name}
            value={value}
            checked={props.value === value}
            required={props.required}
            autofocus={props.autofocus && i === 0}
          />
          <label for={`${name}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The id a field's first control has, for links from the error summary. */
export const controlId = (field: FormField, firstOption?: string): string =>
  firstOption ? `${field}-${firstOption}` : field;

/** What every group of questions reads: the words, the answers so far, their errors, the field to focus. */
export interface Questions {
  s: FormStrings;
  values: FormValues;
  errors: FormErrors;
  /** The first invalid field in page order: it gets `autofocus` (focus without a script). */
  first?: FormField | undefined;
}

/** What a caller adds to a text field's common props. */
export type FieldExtras = Partial<Omit<TextProps, 'id'>> & { autocomplete?: string };

/** The label a field goes by (above it and in the error summary). */
export const labelOf = (f: FormField, s: FormStrings): string =>
  f === 'thirdParty' ? s.thirdParty : f === 'description' ? s.description : s[f];

/** A text field's props from the form's state: label, value, error, focus; `more` adds its limit and notes. */
export function fieldProps(q: Questions, id: FormField, more: FieldExtras = {}): TextProps & FieldExtras {
  return {
    id,
    label: labelOf(id, q.s),
    value: q.values[id],
    error: q.errors[id],
    autofocus: q.first === id,
    maxlength: 0,
    ...more,
  };
}
