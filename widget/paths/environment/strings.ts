/**
 * The words of the unsupported-setup notice (guide section 10): why this setup is unsupported or
 * worth a note, and what to do about each finding.
 * Both languages, in their own lazy chunk, loaded only when that path is taken (widget/paths.ts): these
 * words cost the common intake path nothing (issue 12's weight).
 */
export const strings = {
  en: {
    unsupportedTitle: 'Your browser is not supported',
    unsupportedText:
      'Problems it causes are outside standard support. You can still send this request; what you can do:',
    checkTitle: 'Good to know before you send',
    why_unsupported_browser:
      'This browser ({browser}) is too old or not one we support. Update your browser to its latest version, or use a current Chrome, Edge, Firefox or Safari.',
    why_missing_feature:
      'Your browser lacks features the app needs. Update your browser, or turn off extensions or settings that block scripts.',
    why_cookies_disabled:
      'Cookies are turned off, and signing in needs them. Allow cookies for this site in your browser settings.',
    why_storage_unavailable:
      'This browser cannot save data for this site (private mode or blocked storage), so an unsent request is lost when you close the page. Send it while online, or allow site data.',
    why_clock_skew:
      'Your device clock is off by more than 5 minutes. Set the date and time to update automatically.',
    why_offline: 'You are offline. Your request is saved and sent when the connection is back.',
    why_small_viewport:
      'The window is very narrow, so some pages may not show fully. Widen the window or turn the device.',
  },
  id: {
    unsupportedTitle: 'Peramban Anda tidak didukung',
    unsupportedText:
      'Masalah yang ditimbulkannya berada di luar dukungan standar. Anda tetap dapat mengirim permintaan ini; yang dapat Anda lakukan:',
    checkTitle: 'Perlu diketahui sebelum mengirim',
    why_unsupported_browser:
      'Peramban ini ({browser}) terlalu lama atau tidak kami dukung. Perbarui peramban Anda ke versi terbaru, atau gunakan Chrome, Edge, Firefox atau Safari terkini.',
    why_missing_feature:
      'Peramban Anda tidak memiliki fitur yang dibutuhkan aplikasi. Perbarui peramban, atau matikan ekstensi atau pengaturan yang memblokir skrip.',
    why_cookies_disabled:
      'Cookie dimatikan, padahal diperlukan untuk masuk. Izinkan cookie untuk situs ini di pengaturan peramban.',
    why_storage_unavailable:
      'Peramban ini tidak dapat menyimpan data situs (mode privat atau penyimpanan diblokir), sehingga permintaan yang belum terkirim hilang saat halaman ditutup. Kirim saat daring, atau izinkan data situs.',
    why_clock_skew:
      'Jam perangkat Anda selisih lebih dari 5 menit. Atur tanggal dan waktu agar diperbarui otomatis.',
    why_offline: 'Anda sedang luring. Permintaan Anda disimpan dan dikirim saat koneksi kembali.',
    why_small_viewport:
      'Jendela sangat sempit, sehingga sebagian halaman mungkin tidak tampil penuh. Lebarkan jendela atau putar perangkat.',
  },
};
