/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { FormField } from './fields';

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
