/** A radio group with a legend; `options` are [value, label] pairs. */
export function Choice<T extends string>(props: {
  name: string;
  legend: string;
  options: [T, string][];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string;
}) {
  const errId = `k-${props.name}-error`;
  return (
    <fieldset aria-describedby={props.error ? errId : undefined}>
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => (
        <label key={value} class="option">
          <input
            type="radio"
            name={`k-${props.name}`}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {label}
        </label>
      ))}
      {props.error && (
        <p id={errId} class="error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
