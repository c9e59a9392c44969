/**
 * The words of what the review's "sent with your request" details list (each part of the environment
 * report and host context). Both languages, in their own lazy chunk, loaded when the user opens the
 * details (widget/paths.ts): these words cost the common intake path nothing (issue 12's weight).
 */
export const strings = {
  en: {
    env_browser: 'Browser',
    env_os: 'Operating system',
    env_device: 'Device',
    env_viewport: 'Window',
    env_screen: 'Screen',
    env_language: 'Language',
    env_timeZone: 'Time zone',
    env_clock: 'Clock difference',
    env_online: 'Online',
    env_cookies: 'Cookies enabled',
    env_storage: 'Storage available',
    env_app: 'App version',
    env_beta: 'Beta features',
    none: 'none',
    env_page: 'Page',
    env_errors: 'Recent errors on the page',
    envNote: 'No cookie values or stored data; the page address is sent without its query string.',
  },
  id: {
    env_browser: 'Peramban',
    env_os: 'Sistem operasi',
    env_device: 'Perangkat',
    env_viewport: 'Jendela',
    env_screen: 'Layar',
    env_language: 'Bahasa',
    env_timeZone: 'Zona waktu',
    env_clock: 'Selisih jam',
    env_online: 'Daring',
    env_cookies: 'Cookie aktif',
    env_storage: 'Penyimpanan tersedia',
    env_app: 'Versi aplikasi',
    env_beta: 'Fitur beta',
    none: 'tidak ada',
    env_page: 'Halaman',
    env_errors: 'Error terbaru di halaman',
    envNote: 'Tanpa isi cookie atau data tersimpan; alamat halaman dikirim tanpa query string.',
  },
};
