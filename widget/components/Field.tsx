import { LIMITS } from '../limits';
import type { StepProps } from './step-props';

/**
 * A labelled text input or textarea bound to a draft field; its error is linked through
 * aria-describedby and its maxlength is the server's limit for that field.
 */
export function Field(props: {
  name: 'subject' | 'description' | 'steps' | 'expected' | 'thirdPartyName' | 'name' | 'email';
  label: string;
  c: StepProps;
  optional?: boolean;
  multiline?: boolean;
  type?: 'text' | 'email';
  autoComplete?: string;
  readOnly?: boolean | undefined;
}) {
  const { name, c } = props;
  const id = `k-${name}`;
  const error = c.errors[name];
  const common = {
    id,
    name,
    value: c.draft[name],
    maxLength: LIMITS[name],
    readOnly: props.readOnly,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onInput: (e: Event) => c.set({ [name]: (e.currentTarget as HTMLInputElement).value }),
  };
  return (
    <div class="field">
      <label for={id}>
        {props.label} {props.optional && <span class="hint">{c.s.optional}</span>}
      </label>
      {props.multiline ? (
        <textarea rows={3} {...common} />
      ) : props.type === 'email' ? (
        <input type="email" autoComplete={props.autoComplete} {...common} />
      ) : (
        <input type="text" autoComplete={props.autoComplete} {...common} />
      )}
      {error && (
        <p id={`${id}-error`} class="error">
          {error}
        </p>
      )}
    </div>
  );
}
