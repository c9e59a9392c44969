/**
 * The words of the professional-services path (guide section 9): the explanation, the kind of work
 * and the review's line.
 * Both languages, in their own lazy chunk, loaded only when that path is taken (widget/paths.ts): these
 * words cost the common intake path nothing (issue 12's weight).
 */
export const strings = {
  en: {
    servicesTitle: 'This is a professional service',
    servicesText:
      'Custom development, data migration, custom reports, advanced configuration, QA, project management and training are outside standard support and are agreed separately. Send your request anyway: your account team will contact you.',
    servicesKind: 'What kind of work is it?',
    sk_custom_development: 'Custom development',
    sk_data_migration: 'Data migration',
    sk_custom_reporting: 'Custom reports',
    sk_advanced_configuration: 'Advanced configuration',
    sk_quality_assurance: 'Testing (QA)',
    sk_project_management: 'Project management',
    sk_training: 'Training',
    servicesReview: 'Professional services: your account team will contact you about scope and cost.',
  },
  id: {
    servicesTitle: 'Ini termasuk layanan profesional',
    servicesText:
      'Pengembangan kustom, migrasi data, laporan khusus, konfigurasi lanjutan, QA, manajemen proyek dan pelatihan berada di luar dukungan standar dan disepakati terpisah. Tetap kirim permintaan Anda: tim akun Anda akan menghubungi Anda.',
    servicesKind: 'Jenis pekerjaan apa?',
    sk_custom_development: 'Pengembangan kustom',
    sk_data_migration: 'Migrasi data',
    sk_custom_reporting: 'Laporan khusus',
    sk_advanced_configuration: 'Konfigurasi lanjutan',
    sk_quality_assurance: 'Pengujian (QA)',
    sk_project_management: 'Manajemen proyek',
    sk_training: 'Pelatihan',
    servicesReview: 'Layanan profesional: tim akun Anda akan menghubungi Anda tentang cakupan dan biaya.',
  },
};
