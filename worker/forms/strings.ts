import type { Locale } from '../../shared/schema';
import { stringsFor } from '../../widget/strings';

// Every word of the widget, its rare paths' too (security, professional services, unsupported setup).
const widgetEn = stringsFor('en');
const widgetId = stringsFor('id');

/**
 * The no-JavaScript form speaks with the widget's own words (the same questions, the guide's
 * wording, one translation to keep): the widget's locale files are plain data, so the worker imports
 * them as they are. Below: only what a page without JavaScript says beyond the panel.
 */
const en = {
  ...widgetEn,
  intro: 'Tell us what you need. We answer by email.',
  description: 'Describe your request',
  descriptionHint: 'What happened, or what you would like to know or do.',
  problemOnly: 'Only if something is not working',
  problemOnlyHint: 'Your two answers set the priority (severity) and the first-response target.',
  servicesOnly: 'Only for custom work, data migration or training',
  chooseOne: 'Choose one',
  errorCount: 'The request was not sent. Please check: {fields}.',
  fieldsBelow: 'the fields marked below',
  language: 'Language',
  keyTitle: 'This support form is not available',
  keyText:
    'The link you followed is no longer valid (its widget key is unknown or was revoked). Please ask your administrator for the current support link.',
  conflictTitle: 'This form was already sent',
  conflictText:
    'This form was already used for another request, which we received. To send a new request, open a new form.',
  newForm: 'Open a new form',
  limitTitle: 'Too many requests',
  limitText: 'Too many requests were sent from here in a short time. Please wait a minute and send again.',
  forbiddenTitle: 'The request was refused',
  forbiddenText:
    'The form must be sent from this support site itself. Please open the form again and send it from there.',
  unavailableTitle: 'Support is briefly unavailable',
  unavailableText:
    'We could not save your request just now. Please go back and send it again in a minute; nothing was lost on your side.',
  tooLargeTitle: 'The request is too long',
  tooLargeText: 'Please shorten the description and send again.',
  unsupportedOnForm:
    'Your browser is older than the ones our in-app widget supports, so this simple form is offered instead. Problems caused by the browser itself are outside standard support.',
};

/** Every word of the no-JavaScript form in one language. */
export type FormStrings = typeof en;

const id: FormStrings = {
  ...widgetId,
  intro: 'Sampaikan kebutuhan Anda. Kami menjawab melalui email.',
  description: 'Jelaskan permintaan Anda',
  descriptionHint: 'Apa yang terjadi, atau apa yang ingin Anda ketahui atau lakukan.',
  problemOnly: 'Hanya jika ada yang tidak berfungsi',
  problemOnlyHint: 'Kedua jawaban Anda menentukan prioritas (severity) dan target tanggapan awal.',
  servicesOnly: 'Hanya untuk pekerjaan kustom, migrasi data atau pelatihan',
  chooseOne: 'Pilih salah satu',
  errorCount: 'Permintaan belum terkirim. Mohon periksa: {fields}.',
  fieldsBelow: 'kolom yang ditandai di bawah',
  language: 'Bahasa',
  keyTitle: 'Formulir dukungan ini tidak tersedia',
  keyText:
    'Tautan yang Anda buka sudah tidak berlaku (kunci widget-nya tidak dikenal atau sudah dicabut). Mohon minta tautan dukungan yang berlaku kepada administrator Anda.',
  conflictTitle: 'Formulir ini sudah dikirim',
  conflictText:
    'Formulir ini sudah dipakai untuk permintaan lain, yang telah kami terima. Untuk mengirim permintaan baru, buka formulir baru.',
  newForm: 'Buka formulir baru',
  limitTitle: 'Terlalu banyak permintaan',
  limitText:
    'Terlalu banyak permintaan dikirim dari sini dalam waktu singkat. Mohon tunggu satu menit lalu kirim lagi.',
  forbiddenTitle: 'Permintaan ditolak',
  forbiddenText:
    'Formulir harus dikirim dari situs dukungan ini sendiri. Mohon buka formulirnya lagi dan kirim dari sana.',
  unavailableTitle: 'Dukungan sedang tidak tersedia sebentar',
  unavailableText:
    'Permintaan Anda belum dapat kami simpan. Mohon kembali dan kirim lagi dalam satu menit; tidak ada yang hilang di sisi Anda.',
  tooLargeTitle: 'Permintaan terlalu panjang',
  tooLargeText: 'Mohon persingkat uraiannya lalu kirim lagi.',
  unsupportedOnForm:
    'Peramban Anda lebih lama dari yang didukung widget kami di aplikasi, jadi formulir sederhana ini disediakan sebagai gantinya. Masalah yang disebabkan oleh peramban itu sendiri berada di luar dukungan standar.',
};

/** The form's words in `locale`. */
export const formStrings = (locale: Locale): FormStrings => (locale === 'id' ? id : en);
