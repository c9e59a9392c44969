import type { DeskLang } from './strings';

/** A canned reply in both languages; `{name}`, `{number}`, `{agent}` and `{due}` are filled in. */
export type CannedReply = { id: string; title: Record<DeskLang, string>; body: Record<DeskLang, string> };

/** The desk's canned replies (guide section 5: acknowledge, ask, hand over, close). */
export const CANNED_REPLIES: CannedReply[] = [
  {
    id: 'ack',
    title: { en: 'Acknowledge', id: 'Konfirmasi diterima' },
    body: {
      en: 'Hello {name},\n\nthank you for your report (#{number}). We are looking into it and will update you by {due}.\n\nRegards,\n{agent}',
      id: 'Halo {name},\n\nterima kasih atas laporan Anda (#{number}). Kami sedang menanganinya dan akan memberi kabar paling lambat {due}.\n\nSalam,\n{agent}',
    },
  },
  {
    id: 'more-info',
    title: { en: 'Ask for details', id: 'Minta detail' },
    body: {
      en: 'Hello {name},\n\nto look into #{number} we need a little more: the steps that lead to the problem, the time it happened, and a screenshot if you have one.\n\nRegards,\n{agent}',
      id: 'Halo {name},\n\nuntuk menangani #{number} kami memerlukan sedikit informasi lagi: langkah yang menimbulkan masalah, waktu kejadian, dan tangkapan layar jika ada.\n\nSalam,\n{agent}',
    },
  },
  {
    id: 'escalated',
    title: { en: 'Escalated to a specialist team', id: 'Dieskalasi ke tim spesialis' },
    body: {
      en: 'Hello {name},\n\nwe have passed #{number} to our specialist team and will keep you informed of progress.\n\nRegards,\n{agent}',
      id: 'Halo {name},\n\nkami telah meneruskan #{number} ke tim spesialis kami dan akan terus mengabarkan perkembangannya.\n\nSalam,\n{agent}',
    },
  },
  {
    id: 'resolved',
    title: { en: 'Resolved', id: 'Selesai' },
    body: {
      en: 'Hello {name},\n\nwe believe #{number} is resolved. If anything still does not work, reply to this message and we will pick it up again.\n\nRegards,\n{agent}',
      id: 'Halo {name},\n\nkami rasa #{number} sudah terselesaikan. Jika masih ada yang belum berfungsi, balas pesan ini dan kami akan menanganinya kembali.\n\nSalam,\n{agent}',
    },
  },
];

/** Fills a template's placeholders; an unknown placeholder is left as written. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The canned replies in one language, filled in for a ticket. */
export function cannedFor(lang: DeskLang, values: Record<string, string>) {
  return CANNED_REPLIES.map((c) => ({
    id: c.id,
    title: c.title[lang],
    body: fillPlaceholders(c.body[lang], values),
  }));
}
