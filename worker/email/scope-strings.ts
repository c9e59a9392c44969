import type { Locale } from '../../shared/schema';
import { inScopeOf } from '../../shared/scope';

const ADVICE: Record<Locale, Record<'services' | 'third_party' | 'environment' | 'other', string>> = {
  id: {
    services: 'untuk layanan profesional atau pelatihan, silakan hubungi tim akun Anda',
    third_party: 'untuk perangkat lunak pihak ketiga, silakan hubungi vendornya',
    environment: 'silakan coba lagi dengan browser yang didukung',
    other: 'tim kami akan menjelaskan pilihan yang tersedia',
  },
  en: {
    services: 'for professional services or training, please contact your account team',
    third_party: 'for third-party software, please contact its vendor',
    environment: 'please try again in a supported browser',
    other: 'our team will explain the options available',
  },
};

/**
 * One plain sentence telling the customer that a request lies outside standard support (guide
 * sections 1, 9, 10) and what to do instead, for the ticket's flags; null when it is in scope.
 */
export function outOfScopeSentence(flags: readonly string[], locale: Locale): string | null {
  if (inScopeOf(flags)) return null;
  const a = ADVICE[locale];
  const advice: string[] = [];
  if (flags.includes('professional_services') || flags.includes('training')) advice.push(a.services);
  if (flags.includes('third_party')) advice.push(a.third_party);
  if (flags.includes('unsupported_environment')) advice.push(a.environment);
  if (advice.length === 0) advice.push(a.other);
  const lead =
    locale === 'id'
      ? 'Permintaan ini berada di luar cakupan dukungan standar'
      : 'This request is outside standard support';
  return `${lead}: ${advice.join('; ')}.`;
}

/** The sentence telling the customer that a request is back within standard support. */
export function backInScopeSentence(locale: Locale): string {
  return locale === 'id'
    ? 'Permintaan ini kembali berada dalam cakupan dukungan standar; tim kami melanjutkan penanganannya.'
    : 'This request is back within standard support; our team is continuing to work on it.';
}
