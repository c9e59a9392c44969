import type { Locale, Status } from '../../shared/schema';

/** Every word of the conversation page (`/r/<token>`), in Indonesian and English. */
export type LinkStrings = {
  title: string;
  ticket: string;
  status: string;
  statuses: Record<Status, string>;
  firstResponse: string;
  firstResponseDue: string;
  firstResponseMet: string;
  thread: string;
  empty: string;
  you: string;
  support: string;
  statusChanged: string;
  reply: string;
  replyHint: string;
  send: string;
  sent: string;
  emptyReply: string;
  tooLong: string;
  otherLanguage: string;
  notFoundTitle: string;
  notFoundText: string;
  forbiddenTitle: string;
  forbiddenText: string;
  limitTitle: string;
  limitText: string;
  tooLargeTitle: string;
  tooLargeText: string;
  conflictTitle: string;
  conflictText: string;
  unavailableTitle: string;
  unavailableText: string;
  attachments: string;
  file: string;
  fileHint: string;
  fileTooLarge: string;
  fileRefused: string;
};

const id: LinkStrings = {
  title: 'Percakapan tiket',
  ticket: 'Tiket',
  status: 'Status',
  statuses: {
    new: 'Baru',
    open: 'Sedang ditangani',
    pending: 'Menunggu jawaban Anda',
    resolved: 'Selesai',
    closed: 'Ditutup',
  },
  firstResponse: 'Tanggapan awal',
  firstResponseDue: 'Target tanggapan awal: paling lambat {time} (target, bukan jaminan).',
  firstResponseMet: 'Tanggapan awal diberikan {time}.',
  thread: 'Percakapan',
  empty: 'Belum ada pesan.',
  you: 'Anda',
  support: 'Tim dukungan',
  statusChanged: 'Status berubah: {status}',
  reply: 'Balasan Anda',
  replyHint: 'Pesan Anda akan dibaca oleh tim dukungan.',
  send: 'Kirim balasan',
  attachments: 'Lampiran',
  file: 'Lampiran (opsional)',
  fileHint:
    'Satu berkas hingga 10 MB: tangkapan layar atau gambar (PNG, JPEG, GIF, WebP), PDF, log teks, zip atau gzip.',
  fileTooLarge: 'Berkas ini lebih dari 10 MB. Kirim berkas yang lebih kecil.',
  fileRefused: 'Jenis berkas ini tidak diterima. Kirim gambar, PDF, log teks, zip atau gzip.',
  sent: 'Balasan Anda telah terkirim.',
  emptyReply: 'Tulis balasan Anda terlebih dahulu.',
  tooLong: 'Balasan terlalu panjang (paling banyak {max} karakter).',
  otherLanguage: 'English',
  notFoundTitle: 'Tautan tidak berlaku',
  notFoundText:
    'Tautan ini tidak dikenal, sudah kedaluwarsa, atau tiketnya sudah ditutup. Balas email terakhir dari kami untuk mendapatkan tautan baru.',
  forbiddenTitle: 'Permintaan ditolak',
  forbiddenText:
    'Balasan hanya dapat dikirim dari halaman ini. Buka kembali tautan dari email dan coba lagi.',
  limitTitle: 'Terlalu banyak permintaan',
  limitText: 'Silakan tunggu sebentar, lalu coba lagi.',
  tooLargeTitle: 'Balasan terlalu besar',
  tooLargeText: 'Persingkat balasan Anda dan coba lagi.',
  conflictTitle: 'Balasan sudah dikirim',
  conflictText:
    'Formulir ini sudah dipakai untuk balasan lain. Muat ulang halaman untuk menulis balasan baru.',
  unavailableTitle: 'Layanan sedang tidak tersedia',
  unavailableText: 'Silakan coba lagi dalam beberapa saat.',
};

const en: LinkStrings = {
  title: 'Ticket conversation',
  ticket: 'Ticket',
  status: 'Status',
  statuses: {
    new: 'New',
    open: 'In progress',
    pending: 'Waiting for your answer',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  firstResponse: 'First response',
  firstResponseDue: 'First-response target: by {time} at the latest (a target, not a guarantee).',
  firstResponseMet: 'First response given {time}.',
  thread: 'Conversation',
  empty: 'No messages yet.',
  you: 'You',
  support: 'Support team',
  statusChanged: 'Status changed: {status}',
  reply: 'Your reply',
  replyHint: 'Your message will be read by the support team.',
  send: 'Send reply',
  attachments: 'Attachments',
  file: 'Attachment (optional)',
  fileHint: 'One file up to 10 MB: a screenshot or image (PNG, JPEG, GIF, WebP), PDF, text log, zip or gzip.',
  fileTooLarge: 'This file is larger than 10 MB. Send a smaller one.',
  fileRefused: 'This type of file is not accepted. Send an image, PDF, text log, zip or gzip.',
  sent: 'Your reply has been sent.',
  emptyReply: 'Write your reply first.',
  tooLong: 'The reply is too long (at most {max} characters).',
  otherLanguage: 'Bahasa Indonesia',
  notFoundTitle: 'This link does not work',
  notFoundText:
    'This link is unknown, has expired, or its ticket is closed. Reply to our last email to get a new link.',
  forbiddenTitle: 'Request refused',
  forbiddenText: 'Replies can only be sent from this page. Open the link from the email again and retry.',
  limitTitle: 'Too many requests',
  limitText: 'Please wait a moment, then try again.',
  tooLargeTitle: 'Reply too large',
  tooLargeText: 'Shorten your reply and try again.',
  conflictTitle: 'Reply already sent',
  conflictText: 'This form was already used for another reply. Reload the page to write a new one.',
  unavailableTitle: 'Service unavailable',
  unavailableText: 'Please try again in a few moments.',
};

/** The page's strings in `lang`. */
export const linkStrings = (lang: Locale): LinkStrings => (lang === 'en' ? en : id);
