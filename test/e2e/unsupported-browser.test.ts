import { describe, expect, it } from 'vitest';
import { ticketsWithSubject } from './agent-api';
import {
  BASE_URL,
  eventually,
  fillWhat,
  openPage,
  shot,
  uniqueSubject,
  useChromium,
  widget,
} from './browser';

const browser = useChromium();

// Real Chromium runs the code; only the user agent it reports is old.
const OLD_AGENTS = {
  'Safari 12':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Safari/605.1.15',
  'Chrome 49':
    'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/49.0.2623.112 Safari/537.36',
};

describe('unsupported browser: warned before submitting, ticket flagged', () => {
  for (const [name, userAgent] of Object.entries(OLD_AGENTS)) {
    it(`warns a ${name} user on the first step and the review, and the ticket carries unsupported_environment`, async () => {
      const { page } = await openPage(browser(), { userAgent });
      await page.goto(`${BASE_URL}/?lang=en`);
      const w = widget(page, 'en');
      const { s } = w;
      await w.launcher.click();
      const first = w.dialog.getByRole('alert').filter({ hasText: s.unsupportedTitle });
      await expect.poll(() => first.isVisible()).toBe(true);
      const subject = uniqueSubject(`Reported from ${name}`);
      await fillWhat(w, subject, s);
      await w.radio(s.aff_question_or_cosmetic).check();
      await w.radio(s.wa_reasonable).check();
      await w.button(s.next).click();
      await w.button(s.next).click();

      // The warning is there before anything is sent, in plain words with what to do.
      const warning = w.dialog.getByRole('alert').filter({ hasText: s.unsupportedTitle });
      await expect.poll(() => warning.isVisible()).toBe(true);
      expect(await warning.textContent()).toContain(s.unsupportedText);
      expect(await ticketsWithSubject(subject)).toHaveLength(0);
      await shot(page, `unsupported-${name.replace(/\W+/g, '-').toLowerCase()}-warning`);

      await w.button(s.submit).click();
      await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });
      const [ticket] = await eventually(async () => {
        const t = await ticketsWithSubject(subject);
        return t.length ? t : undefined;
      });
      expect(ticket?.flags).toContain('unsupported_environment');
    });
  }

  it('shows no such warning to the current Chromium', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${BASE_URL}/?lang=en`);
    const w = widget(page, 'en');
    const { s } = w;
    await w.launcher.click();
    await fillWhat(w, uniqueSubject('not sent'), s);
    await w.radio(s.aff_question_or_cosmetic).check();
    await w.radio(s.wa_reasonable).check();
    expect(await w.dialog.getByText(s.unsupportedTitle).count()).toBe(0);
    for (let i = 0; i < 2; i++) await w.button(s.next).click();
    await expect.poll(() => w.button(s.submit).isVisible()).toBe(true);
    expect(await w.dialog.getByText(s.unsupportedTitle).count()).toBe(0);
  });
});
