import type { Locale, Severity } from '../../shared/schema';
import { formatDateTime, severityLabel } from './strings';

/** What a customer-success notice says: one ticket, and the breach when it is about one. */
export interface SuccessContactFacts {
  reason: 'severity_1' | 'breach';
  organisationName: string;
  number: number;
  subject: string;
  severity: Severity;
  /** The first-response due time (severity 1 opened) or the missed due time (breach). */
  dueAt: number;
  timeZone: string;
  breach?: { clock: string; breachedAt: number };
}

const CLOCK_NAMES: Record<Locale, Record<string, string>> = {
  id: { first_response: 'respons pertama', next_response: 'respons berikutnya', resolution: 'penyelesaian' },
  en: { first_response: 'first response', next_response: 'next response', resolution: 'resolution' },
};

/** "[Ticket #12] Severity 1 opened: ..." or "[Tiket #12] Target terlewati: ...". */
export function successContactSubject(f: SuccessContactFacts, locale: Locale): string {
  const tag = `[${locale === 'id' ? 'Tiket' : 'Ticket'} #${f.number}]`;
  const what =
    f.reason === 'breach'
      ? locale === 'id'
        ? 'Target SLA terlewati'
        : 'SLA target breached'
      : locale === 'id'
        ? 'Tiket Severity 1 dibuka'
        : 'Severity 1 ticket opened';
  return `${tag} ${f.organisationName} – ${what}: ${f.subject}`;
}

/** The notice to an organisation's customer-success contact (guide section 8), in its locale. */
export function successContactText(f: SuccessContactFacts, locale: Locale): string {
  const when = (ms: number) => formatDateTime(ms, f.timeZone, locale);
  const clock = f.breach ? (CLOCK_NAMES[locale][f.breach.clock] ?? f.breach.clock) : '';
  const id = locale === 'id';
  const lead =
    f.reason === 'breach'
      ? id
        ? `Target ${clock} untuk tiket ${f.organisationName} ini terlewati.`
        : `The ${clock} target of this ${f.organisationName} ticket was breached.`
      : id
        ? `Tiket Severity 1 baru dibuka untuk ${f.organisationName}.`
        : `A new severity 1 ticket was opened for ${f.organisationName}.`;
  return [
    lead,
    '',
    `${id ? 'Tiket' : 'Ticket'} #${f.number}: ${f.subject}`,
    `${id ? 'Tingkat keparahan' : 'Severity'}: ${severityLabel(f.severity, locale)}`,
    `${id ? 'Batas waktu' : 'Due'}: ${when(f.dueAt)}`,
    ...(f.breach ? [`${id ? 'Terlewati pada' : 'Breached at'}: ${when(f.breach.breachedAt)}`] : []),
    '',
    id
      ? 'Anda menerima email ini sebagai kontak customer success organisasi ini (Panduan Dukungan bagian 8).'
      : "You receive this as the organisation's customer-success contact (Support Guide section 8).",
  ].join('\n');
}
