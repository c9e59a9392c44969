/** A labelled text input or textarea whose error is announced through aria-describedby. */
export function Field(props: {
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  multiline?: boolean;
  type?: 'text' | 'email';
  autoComplete?: string;
}) {
  const id = `k-${props.name}`;
  const errId = `${id}-error`;
  const common = {
    id,
    name: props.name,
    value: props.value,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': props.error ? errId : undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>
        {props.label} {props.hint && <span class="hint">{props.hint}</span>}
      </label>
      {props.multiline ? (
        <textarea rows={3} {...common} />
      ) : props.type === 'email' ? (
        <input type="email" autoComplete={props.autoComplete} {...common} />
      ) : (
        <input type="text" autoComplete={props.autoComplete} {...common} />
      )}
      {props.error && (
        <p id={errId} class="error">
          {props.error}
        </p>
      )}
    </div>
  );
}
