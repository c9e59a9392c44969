/**
 * The words of the security-incident path (issue 12): the first step's notice and personal-data question, the
 * review's lines and the confirmation (who was alerted, out-of-hours coverage, what to do meanwhile).
 * Both languages, in their own lazy chunk, loaded only when that path is taken (widget/paths.ts): these
 * words cost the common intake path nothing (issue 12's weight).
 */
export const strings = {
  en: {
    securityTitle: 'Report a security incident now',
    securityText:
      'Report it immediately. We treat it as severity 1 (critical) and alert our security team at once; only the essentials are asked.',
    reviewSecurity: 'When you send, our security team is alerted at once.',
    pdQuestion: 'Does this involve personal data?',
    pdUnsure: 'Not sure (we treat it as yes)',
    pdNone: 'Not answered',
    secAlerted: 'Our security team was alerted when your report arrived.',
    secOutOfHours:
      'Outside support hours the alert still reaches the security team; the response target counts support hours only.',
    secMeanwhileTitle: 'Until we reply',
    secMeanwhile:
      'Keep logs, emails and files that show what happened; do not delete them.|Change passwords and revoke API keys that may be exposed.|Sign out unknown sessions and limit access to affected accounts.|Note what you saw and when, and reply to our email with anything new.|Do not share details publicly until we have talked.',
  },
  id: {
    securityTitle: 'Laporkan insiden keamanan sekarang',
    securityText:
      'Segera laporkan. Kami menanganinya sebagai severity 1 (kritis) dan langsung memberi tahu tim keamanan; hanya hal penting yang ditanyakan.',
    reviewSecurity: 'Saat Anda mengirim, tim keamanan kami langsung diberi tahu.',
    pdQuestion: 'Apakah ini melibatkan data pribadi?',
    pdUnsure: 'Tidak yakin (kami anggap ya)',
    pdNone: 'Tidak dijawab',
    secAlerted: 'Tim keamanan kami diberi tahu saat laporan Anda masuk.',
    secOutOfHours:
      'Di luar jam dukungan, pemberitahuan tetap sampai ke tim keamanan; target tanggapan dihitung dalam jam dukungan.',
    secMeanwhileTitle: 'Sambil menunggu jawaban kami',
    secMeanwhile:
      'Simpan log, email dan berkas yang menunjukkan kejadiannya; jangan dihapus.|Ganti kata sandi dan cabut kunci API yang mungkin bocor.|Keluarkan sesi yang tidak dikenal dan batasi akses ke akun yang terdampak.|Catat apa yang Anda lihat dan kapan, lalu balas email kami bila ada hal baru.|Jangan bagikan detailnya ke publik sebelum kita berbicara.',
  },
};
