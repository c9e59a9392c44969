import { describe, expect, it } from 'vitest';
import { triageEmail } from '../../shared/email-triage';

const triage = (text: string, subject = 'Bantuan') => triageEmail({ subject, text });

describe('triageEmail', () => {
  it('defaults to severity 3 and asks for triage when nothing stands out', () => {
    expect(triage('Bagaimana cara mengekspor laporan bulanan ke Excel?')).toEqual({
      severity: 3,
      rule: 'email:default',
      flags: ['needs_triage'],
    });
  });

  it.each([
    ['Kami menduga terjadi kebocoran data pelanggan sejak kemarin.'],
    ['Akun admin kami diretas tadi pagi.'],
    ['Ada akses tidak sah ke dasbor kami dari IP asing.'],
    ['Data pelanggan kami bocor di forum.'],
    ['We think there was a data breach on our tenant.'],
    ['Our admin account was HACKED last night.'],
    ['Several staff received a phishing mail that used your login page.'],
    ['We see unauthorized access in the audit log.'],
  ])('treats clear security-incident wording as severity 1 with the security flag: %s', (text) => {
    const result = triage(text);
    expect(result.severity).toBe(1);
    expect(result.rule).toBe('email:security_incident');
    expect(result.flags).toEqual(['security_incident', 'needs_triage']);
    expect(result.matched).toBeTruthy();
  });

  it('finds security wording in the subject too', () => {
    expect(triage('Mohon segera dicek.', 'URGENT: akun dibobol').rule).toBe('email:security_incident');
  });

  it.each([
    ['Aplikasi tidak bisa diakses sama sekali sejak jam 10.'],
    ['Semua pengguna kami tidak bisa login sejak pagi.'],
    ['Your site is down for everyone here.'],
    ['The server went completely down at 09:12.'],
    ['We get 503 Service Unavailable on every page.'],
    ['Sistem sedang down, mohon dibantu.'],
    ['All users cannot log in.'],
  ])('treats total-outage wording as severity 1 without the security flag: %s', (text) => {
    const result = triage(text);
    expect(result).toMatchObject({ severity: 1, rule: 'email:total_outage', flags: ['needs_triage'] });
  });

  it('lowers an outage to 2 when the customer names a workaround', () => {
    const result = triage(
      'Aplikasi web tidak bisa diakses sama sekali, tapi ada solusi sementara lewat aplikasi mobile.',
    );
    expect(result).toMatchObject({ severity: 2, rule: 'email:total_outage_with_workaround' });
  });

  it('keeps an outage at 1 when the customer says there is no workaround', () => {
    expect(triage('The app is down and there is no workaround.').severity).toBe(1);
    expect(triage('Sistem down, tidak ada solusi sementara.').severity).toBe(1);
  });

  it('lets a security incident win over an outage', () => {
    expect(triage('The site is down after we were hacked.').rule).toBe('email:security_incident');
  });

  it.each([
    ['Please add a drop down menu for the region field.'],
    ['The download of the CSV export is slow.'],
    ['Scroll down on the report page and the totals are misaligned.'],
    ['Tombol simpan kadang tidak bisa diklik.'],
  ])('does not mistake ordinary words for an outage: %s', (text) => {
    expect(triage(text).severity).toBe(3);
  });

  it('ignores quoted lines of earlier mail', () => {
    const text =
      'Terima kasih, sudah beres.\n\n> Pada Senin, tim menulis:\n> Aplikasi tidak bisa diakses sama sekali';
    expect(triage(text).severity).toBe(3);
  });

  it.each([
    ['bukan phishing', 'Email kemarin ternyata bukan phishing, terima kasih.'],
    ['tidak ada kebocoran', 'Setelah dicek, tidak ada kebocoran data.'],
    ['data tidak bocor', 'Data kami tidak bocor, hanya kolom ekspor yang salah.'],
    ['not a breach', 'To be clear, this is not a data breach.'],
    ['no data was leaked', 'False alarm: no data was leaked.'],
    ['not hacked', 'We checked and we were not hacked.'],
    ["isn't compromised", "The account isn't compromised."],
    ['denied after a first mention', 'Saya kira akun kami diretas, ternyata bukan diretas.'],
  ])('does not read a denial as an incident (%s)', (_name, text) => {
    expect(triage(text)).toMatchObject({ severity: 3, rule: 'email:default' });
  });

  it.each([
    ['apakah aman?', 'Apakah data kami aman dari peretasan?'],
    ['breach procedure', 'Bagaimana prosedur Kinobi jika terjadi kebocoran data?'],
    ['is SSO secure?', 'Is SSO secure against phishing?'],
    ['how do I enable 2FA', 'how do I enable 2FA so accounts are not hacked'],
    ['a topic subject over a question', 'Are attachments scanned for malware?', 'Malware'],
  ])('does not read a question about security as an incident (%s)', (_name, text, subject = 'Pertanyaan') => {
    expect(triage(text, subject).flags).not.toContain('security_incident');
  });

  it('still reports an incident next to a denial of something else, or after a question', () => {
    expect(triage('Ini bukan spam: akun admin kami diretas.').rule).toBe('email:security_incident');
    expect(triage("I don't know how, but our account was hacked.").rule).toBe('email:security_incident');
    expect(triage('Apakah ini normal? Ada login mencurigakan dari IP asing.').rule).toBe(
      'email:security_incident',
    );
  });

  it('keeps outage wording in a question: "is the server down?" reports an outage', () => {
    expect(triage('Is the server down? Nobody can log in.').severity).toBe(1);
    expect(triage('The app is not down, just slow.').severity).toBe(3);
  });
});
