/**
 * The words of a site that may not use the widget (the API answered 401/403: the widget key is unknown
 * or revoked, or this origin is not allowed): the first step's warning and the screen after sending.
 * Both languages, in their own lazy chunk (widget/paths.ts), loaded when the API refuses the site; the
 * network works then, since the refusal came over it. These words cost the common intake path nothing
 * (issue 12's weight).
 */
export const strings = {
  en: {
    blockedTitle: 'The support form is not available here',
    blockedText:
      'This site may not use the support form, or its access key was withdrawn. Please contact support another way, or tell the site’s administrator.',
    blockedKept: 'Your request is kept on this device and is not sent while the form is unavailable.',
  },
  id: {
    blockedTitle: 'Formulir dukungan tidak tersedia di sini',
    blockedText:
      'Situs ini tidak diizinkan memakai formulir dukungan, atau kunci aksesnya sudah dicabut. Hubungi dukungan dengan cara lain, atau beri tahu administrator situs ini.',
    blockedKept:
      'Permintaan Anda disimpan di perangkat ini dan tidak dikirim selama formulir tidak tersedia.',
  },
};
