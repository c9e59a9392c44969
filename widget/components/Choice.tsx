/** A radio group (role radiogroup, so it can be marked invalid) with a legend; `options` are [value, label] pairs. Invalid: marked and described. */
export function Choice<T extends string>(props: {
  name: string;
  legend: string;
  options: [T, string][];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string | undefined;
}) {
  const errId = `k-${props.name}-error`;
  return (
    <div
      role="radiogroup"
      aria-labelledby={`k-${props.name}-legend`}
      aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={props.error ? errId : undefined}
    >
      <p id={`k-${props.name}-legend`} class="legend">
        {props.legend}
      </p>
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
    </div>
  );
}
