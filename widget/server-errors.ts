import type { Draft } from './draft';
import { fill } from './fill';
import { LIMITS } from './limits';
import type { Strings } from './strings';
import type { FieldErrors } from './validate';

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
