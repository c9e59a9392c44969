import { formatFileSize } from '../../shared/attachments';
import type { CalendarSpec } from '../../shared/calendar-schema';
import type { Locale, Severity } from '../../shared/schema';

/**
 * Every word the email channel sends, in Indonesian and English. The Indonesian texts use the
 * support guide's own words (sections 2, 4, 5), so a customer reads the same terms as in the contract.
 */

const SEVERITY_NAMES: Record<Locale, Record<Severity, string>> = {
  id: { 1: 'Kritis', 2: 'Tinggi', 3: 'Menengah', 4: 'Rendah' },
  en: { 1: 'Critical', 2: 'High', 3: 'Medium', 4: 'Low' },
};
const DAYS: Record<Locale, string[]> = {
  id: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTHS: Record<Locale, string[]> = {
  id: 'Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember'.split(' '),
  en: 'January February March April May June July August September October November December'.split(' '),
};
const ZONE_ABBR: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** "Severity 3 – Menengah" (guide section 4). */
export function severityLabel(severity: Severity, locale: Locale): string {
  return `Severity ${severity} – ${SEVERITY_NAMES[locale][severity]}`;
}

/** The zone as Indonesians name it (WIB, WITA, WIT), else its IANA name. */
export function zoneLabel(timeZone: string): string {
  return ZONE_ABBR[timeZone] ?? timeZone;
}

const clock = (hhmm: string, locale: Locale) => (locale === 'id' ? hhmm.replace(':', '.') : hhmm);

/** A target in the guide's words: "2 jam kerja", "1 hari kerja"; days when a whole business day fits. */
export function targetPhrase(businessMinutes: number, dayMinutes: number, locale: Locale): string {
  const [n, unit] =
    dayMinutes > 0 && businessMinutes % dayMinutes === 0
      ? [businessMinutes / dayMinutes, 'day']
      : businessMinutes % 60 === 0
        ? [businessMinutes / 60, 'hour']
        : [businessMinutes, 'minute'];
  if (locale === 'id') return `${n} ${{ day: 'hari', hour: 'jam', minute: 'menit' }[unit]} kerja`;
  return `${n} business ${unit}${n === 1 ? '' : 's'}`;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Length of a business day in minutes when every window has the same length, else 0. */
export function businessDayMinutes(calendar: Pick<CalendarSpec, 'windows'>): number {
  const lengths = new Set(calendar.windows.map((w) => minutesOf(w.end) - minutesOf(w.start)));
  return lengths.size === 1 ? ([...lengths][0] ?? 0) : 0;
}

function dayRange(days: number[], locale: Locale): string {
  const sorted = [...days].sort((a, b) => a - b);
  const name = (d: number) => DAYS[locale][d - 1] ?? String(d);
  const first = sorted[0] ?? 1;
  const contiguous = sorted.every((d, i) => d === first + i);
  if (contiguous && sorted.length > 2) {
    return `${name(first)} ${locale === 'id' ? 'sampai' : 'to'} ${name(sorted[sorted.length - 1] ?? first)}`;
  }
  return sorted.map(name).join(', ');
}

/** Support hours in the guide's words: "Senin sampai Jumat, pukul 09.00 – 18.00 WIB, tidak termasuk hari libur nasional". */
export function supportHours(
  calendar: Pick<CalendarSpec, 'windows' | 'timeZone' | 'holidays'>,
  locale: Locale,
): string {
  const zone = zoneLabel(calendar.timeZone);
  const windows = calendar.windows.map((w) =>
    locale === 'id'
      ? `${dayRange(w.days, locale)}, pukul ${clock(w.start, locale)} – ${clock(w.end, locale)} ${zone}`
      : `${dayRange(w.days, locale)}, ${w.start}–${w.end} ${zone}`,
  );
  const holidays =
    calendar.holidays === 'id'
      ? locale === 'id'
        ? ', tidak termasuk hari libur nasional'
        : ', excluding Indonesian national holidays'
      : '';
  return `${windows.join('; ')}${holidays}`;
}

/** A moment in the tenant's zone: "Senin, 5 Januari 2026 pukul 10.00 WIB" / "Monday, 5 January 2026 at 10:00 WIB". */
export function formatDateTime(epochMs: number, timeZone: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const [y, m, d] = [get('year'), get('month'), get('day')];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  const hhmm = `${String(get('hour')).padStart(2, '0')}:${String(get('minute')).padStart(2, '0')}`;
  const date = `${DAYS[locale][weekday]}, ${d} ${MONTHS[locale][m - 1]} ${y}`;
  return locale === 'id'
    ? `${date} pukul ${clock(hhmm, locale)} ${zoneLabel(timeZone)}`
    : `${date} at ${hhmm} ${zoneLabel(timeZone)}`;
}

/**
 * The guide version a ticket is handled under, in words (guide section 12): "Panduan Dukungan versi
 * 02 Januari 2026" / "Support Guide version of 2 January 2026"; "unknown" without one.
 */
export function guideVersionPhrase(version: string | null, locale: Locale): string {
  const m = version ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(version) : null;
  if (!m)
    return locale === 'id' ? 'Panduan Dukungan (versi tidak diketahui)' : 'Support Guide (version unknown)';
  const [, y, mo, d] = m;
  const month = MONTHS[locale][Number(mo) - 1] ?? mo;
  return locale === 'id'
    ? `Panduan Dukungan versi ${d} ${month} ${y}`
    : `Support Guide version of ${Number(d)} ${month} ${y}`;
}

/** What the acknowledgement says about a new ticket. */
export interface AckFacts {
  /** The guide version in force when it was received (recorded on the ticket). */
  guideVersion: string | null;
  /** The support desk that answers (Kinobi AI), never the customer's organisation. */
  deskName: string;
  contactName: string;
  number: number;
  subject: string;
  severity: Severity;
  securityIncident: boolean;
  businessMinutes: number;
  dueAt: number;
  calendar: Pick<CalendarSpec, 'windows' | 'timeZone' | 'holidays'>;
  /** What to do instead when the request is out of scope (worker/email/scope-strings.ts); null when in scope. */
  outOfScope?: string | null;
  /** The conversation page (`/r/<token>`), when the mail carries one. */
  conversationUrl?: string;
}

/** The one line that carries the conversation page's link ("View and reply: …"). */
export function conversationLinkLine(url: string, locale: Locale): string {
  return locale === 'id' ? `Lihat dan balas: ${url}` : `View and reply: ${url}`;
}

/** Subject line of an acknowledgement or reply, carrying the ticket number. */
export function ticketSubject(number: number, subject: string, locale: Locale, reply = false): string {
  const tag = `[${locale === 'id' ? 'Tiket' : 'Ticket'} #${number}]`;
  const clean = subject.replace(/^(?:(?:re|aw|fw|fwd|balas)\s*:\s*)+/i, '').trim();
  return `${reply ? 'Re: ' : ''}${tag} ${clean || (locale === 'id' ? 'Permintaan dukungan' : 'Support request')}`;
}

/** The acknowledgement body (plain text). */
export function ackText(f: AckFacts, locale: Locale): string {
  const target = targetPhrase(f.businessMinutes, businessDayMinutes(f.calendar), locale);
  const due = formatDateTime(f.dueAt, f.calendar.timeZone, locale);
  const hours = supportHours(f.calendar, locale);
  const greeting = f.contactName ? ` ${f.contactName}` : '';
  if (locale === 'id') {
    return [
      `Halo${greeting},`,
      '',
      `Terima kasih. Permintaan dukungan Anda telah kami terima dan dicatat sebagai tiket #${f.number}.`,
      '',
      `Subjek: ${f.subject || '(tanpa subjek)'}`,
      `Tingkat keparahan (sementara): ${severityLabel(f.severity, 'id')}`,
      `Tanggapan awal dalam waktu ${target}, paling lambat ${due}.`,
      '',
      ...(f.securityIncident
        ? [
            'Laporan Anda kami tangani sebagai dugaan insiden keamanan dan telah diteruskan ke tim keamanan.',
            '',
          ]
        : []),
      ...(f.outOfScope ? [f.outOfScope, ''] : []),
      'Tingkat keparahan ditentukan oleh Kinobi AI berdasarkan informasi yang Anda berikan; tim kami akan meninjau dan memastikannya.',
      'Target waktu tanggapan mencerminkan pengakuan dan penafsiran masalah awal semata, bukan waktu penyelesaian, dan bukan merupakan jaminan.',
      `Permintaan ini ditangani menurut ${guideVersionPhrase(f.guideVersion, 'id')}.`,
      '',
      `Jam dukungan: ${hours}.`,
      '',
      'Untuk menambahkan informasi, cukup balas email ini.',
      ...(f.conversationUrl ? [conversationLinkLine(f.conversationUrl, 'id')] : []),
      '',
      'Salam,',
      `Tim Dukungan ${f.deskName}`,
    ].join('\n');
  }
  return [
    `Hello${greeting},`,
    '',
    `Thank you. We have received your support request and logged it as ticket #${f.number}.`,
    '',
    `Subject: ${f.subject || '(no subject)'}`,
    `Severity (provisional): ${severityLabel(f.severity, 'en')}`,
    `Initial response within ${target}, by ${due} at the latest.`,
    '',
    ...(f.securityIncident
      ? [
          'We are treating your report as a suspected security incident and have passed it to our security team.',
          '',
        ]
      : []),
    ...(f.outOfScope ? [f.outOfScope, ''] : []),
    'Kinobi AI sets the severity from the information you provide; our team will review and confirm it.',
    'Response targets reflect acknowledgement and initial assessment only, not resolution time, and are not a guarantee.',
    `This request is handled under the ${guideVersionPhrase(f.guideVersion, 'en')}.`,
    '',
    `Support hours: ${hours}.`,
    '',
    'To add information, simply reply to this email.',
    ...(f.conversationUrl ? [conversationLinkLine(f.conversationUrl, 'en')] : []),
    '',
    'Kind regards,',
    `${f.deskName} Support`,
  ].join('\n');
}

/** A file attached to an agent's reply, as the mail lists it. */
export interface MailedFile {
  filename: string | null;
  size: number;
  /** Whether the mail carries the file itself (else only the conversation page has it). */
  attached?: boolean;
}

/** The lines naming a reply's files; all are downloaded from the conversation page ("View and reply"). */
export function attachedFilesLines(files: MailedFile[], locale: Locale, linked = true): string[] {
  if (!files.length) return [];
  const id = locale === 'id';
  const heading = linked
    ? id
      ? 'Lampiran (unduh di halaman percakapan, tautan "Lihat dan balas"):'
      : 'Attachments (download them from the conversation page, "View and reply" link):'
    : id
      ? 'Lampiran:'
      : 'Attachments:';
  return [
    heading,
    ...files.map((f) => {
      const note = f.attached ? (id ? ', terlampir' : ', attached') : '';
      return `- ${f.filename || (id ? '(tanpa nama)' : '(unnamed)')} (${formatFileSize(f.size, locale)}${note})`;
    }),
  ];
}

/** An agent's public reply as mailed to the contact, signed by the desk that answers. */
export function agentReplyText(
  f: {
    body: string;
    agentName: string;
    deskName: string;
    number: number;
    files?: MailedFile[];
    /** Whether the mail carries the conversation page's link (not once the ticket is closed). */
    linked?: boolean;
  },
  locale: Locale,
): string {
  const files = attachedFilesLines(f.files ?? [], locale, f.linked ?? true);
  const footer =
    locale === 'id'
      ? [
          `${f.agentName}`,
          `Tim Dukungan ${f.deskName}`,
          '',
          `Tiket #${f.number} · Balas email ini untuk menanggapi.`,
        ]
      : [
          `${f.agentName}`,
          `${f.deskName} Support`,
          '',
          `Ticket #${f.number} · Reply to this email to respond.`,
        ];
  return [f.body.trim(), ...(files.length ? ['', ...files] : []), '', '--', ...footer].join('\n');
}

/** Display name of the sending mailbox: the desk that answers ("Dukungan Kinobi AI"), not the customer. */
export function senderName(deskName: string, locale: Locale): string {
  return locale === 'id' ? `Dukungan ${deskName}` : `${deskName} Support`;
}

/** What the security team's alert says about a reported incident (internal, English). */
export interface SecurityAlertFacts {
  deskName: string;
  number: number;
  subject: string;
  description: string;
  organisationName: string | null;
  contact: string;
  receivedAt: number;
  personalData: boolean;
  notificationDeadlineAt: number | null;
}

/** Subject of the security team's alert. */
export function securityAlertSubject(
  f: Pick<SecurityAlertFacts, 'number' | 'subject' | 'personalData'>,
): string {
  return `[SECURITY${f.personalData ? ' · PERSONAL DATA' : ''}] Ticket #${f.number}: ${f.subject}`;
}

/** The security team's alert (guide section 11: told at once, besides the webhook). */
export function securityAlertText(f: SecurityAlertFacts): string {
  const when = (ms: number) => formatDateTime(ms, 'Asia/Jakarta', 'en');
  return [
    `A security incident was reported to ${f.deskName} and escalated to the security team.`,
    '',
    `Ticket #${f.number}: ${f.subject}`,
    `Organisation: ${f.organisationName ?? '(not verified)'}`,
    `Reported by: ${f.contact}`,
    `Received: ${when(f.receivedAt)}`,
    ...(f.personalData && f.notificationDeadlineAt !== null
      ? [
          'Personal data is involved: notification is due within 72 hours of the report',
          `(UU 27/2022 art. 46), by ${when(f.notificationDeadlineAt)} (wall clock, not business hours).`,
        ]
      : []),
    '',
    f.description,
  ].join('\n');
}
