import type { ApiResult } from './api';
import type { Draft } from './draft';
import { fill } from './fill';
import { LIMITS } from './limits';
import type { Strings } from './strings';
import { type FieldErrors, type StepId, stepOf } from './validate';

// The rare path of a request the API refused although the form's own checks passed: its own lazy
// chunk (App imports it when that happens), so the common intake path does not carry it.

/** This path's words in both languages: its chunk carries them, the locale chunks do not. */
export const strings = {
  en: {
    tooLong: 'Please shorten this to at most {max} characters.',
    invalid: 'This was not accepted; please check it.',
  },
  id: {
    tooLong: 'Mohon persingkat menjadi paling banyak {max} karakter.',
    invalid: 'Isian ini tidak diterima; mohon periksa kembali.',
  },
};

/** The words only a refused request needs. */
export type ServerErrorStrings = (typeof strings)['en'];

const FIELDS = new Set([
  'subject',
  'description',
  'steps',
  'expected',
  'affected',
  'workaround',
  'name',
  'email',
]);

/**
 * Maps the API's 400 `details` ([{path, code?, message}], path as "contact.email" or
 * ["contact","email"]) to localised field errors by zod issue code; the server's English message
 * is never shown. Entries for fields the form does not show are returned as `other` (their paths).
 */
export function mapServerErrors(
  details: unknown,
  s: Strings & ServerErrorStrings,
): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const d of Array.isArray(details) ? details : []) {
    const path = (Array.isArray(d?.path) ? d.path : String(d?.path ?? '').split('.')).map(String);
    const key = (
      path[0] === 'thirdParty'
        ? 'thirdPartyName'
        : /^(contact|impact)$/.test(path[0] ?? '')
          ? path[1]
          : path[0]
    ) as keyof Draft;
    const code = String(d?.code ?? '');
    const max = LIMITS[key] ?? d?.maximum;
    if (key === 'thirdPartyName' || FIELDS.has(key))
      fields[key] ||=
        code === 'too_big' && max
          ? fill(s.tooLong, { max })
          : code === 'too_small'
            ? s.required
            : key === 'email'
              ? s.invalidEmail
              : s.invalid;
    else other.push(path.join('.'));
  }
  return { fields, other };
}

/**
 * What the panel shows for a request the API refused: the field errors of a validation failure, in
 * `words` and this chunk's own words, with the index in `steps` of the earliest step holding one (-1:
 * none, and `general` says the request was refused, with the error code).
 */
export function refusal(
  res: ApiResult<unknown> & { ok: false },
  words: Strings,
  locale: keyof typeof strings,
  steps: StepId[],
): { errors: FieldErrors; general: string; at: number } {
  const errors = mapServerErrors(res.error?.code === 'validation_failed' ? res.error.details : [], {
    ...words,
    ...strings[locale],
  }).fields;
  const at = Math.min(...(Object.keys(errors) as (keyof Draft)[]).map((f) => steps.indexOf(stepOf(f))));
  return Number.isFinite(at)
    ? { errors, general: words.fixErrors, at: Math.max(0, at) }
    : { errors, general: fill(words.rejected, { code: res.error?.code ?? res.status }), at: -1 };
}
