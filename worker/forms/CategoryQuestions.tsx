/** @jsxImportSource hono/jsx */
import { AffectedSchema, WorkaroundSchema } from '../../shared/schema';
import { SERVICES_KINDS } from '../../shared/services-kinds';
import type { FormField } from './fields';
import { Choices, type FieldExtras, fieldProps, type Questions, TextArea, TextInput } from './Inputs';
import { FORM_LIMITS as max } from './limits';

/** The kind of professional service: shown to everyone (no script hides it), used only for that category. */
export function ServicesQuestions(q: Questions) {
  const { s, values: v, errors: e, first } = q;
  return (
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
  );
}

/**
 * What only a problem is asked (the widget's impact step): what is affected and whether there is a
 * workaround (they set the severity), then steps, expectation and third-party software.
 */
export function ProblemQuestions(q: Questions) {
  const { s, values: v, errors: e, first } = q;
  const text = (id: FormField, more: FieldExtras = {}) => fieldProps(q, id, more);
  return (
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
  );
}
