import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HOURS_WORDS } from '../../widget/hours';
import { fill } from '../../widget/strings';
import { agentGet, ticketsWithSubject } from './agent-api';
import {
  BASE_URL,
  eventually,
  fillWhat,
  normalise,
  openPage,
  shot,
  uniqueSubject,
  useChromium,
  widget,
} from './browser';

const browser = useChromium();

/** Picks a user on the demo page's switch and waits until the page has called identify() with their token. */
async function signInAs(page: Page, who: 'demo' | 'premium' | 'anonymous') {
  await page
    .getByRole('radio', {
      name:
        who === 'anonymous' ? 'anonymous' : new RegExp(`a user of PT ${who === 'demo' ? 'Demo' : 'Contoh'}`),
    })
    .check();
  await page.waitForSelector(`html[data-demo-user="${who}"]`);
}

describe('demo page: users of two organisations (identify with a token)', () => {
  it('shows a premium user severity 1 covered 24x7, and a demo user and an anonymous one not', async () => {
    const { page, consoleErrors } = await openPage(browser());
    await page.goto(`${BASE_URL}/?lang=en`);
    const w = widget(page, 'en');
    const { s } = w;
    const allDay = normalise(fill(HOURS_WORDS.en.sevAllDay, { n: 1, except: '' }));
    const sev1Hours = () => w.dialog.locator('.hours').allTextContents();

    await signInAs(page, 'premium');
    await w.launcher.click();
    await w.dialog.getByRole('heading', { name: `${s.title} · PT Contoh Premium` }).waitFor();
    await fillWhat(w, uniqueSubject('not sent'), s);
    await w.radio(s.aff_service_unavailable).check();
    await w.radio(s.wa_none).check();
    await expect.poll(async () => (await sev1Hours()).map(normalise)).toContain(allDay);
    await shot(page, 'identity-premium-severity-1');

    // Another user (the modal sheet covers the page's switch: close, switch, open again); the panel
    // asks again for the demo organisation's config.
    await page.keyboard.press('Escape');
    await signInAs(page, 'demo');
    await w.launcher.click();
    await w.dialog.getByRole('heading', { name: `${s.title} · PT Demo Nusantara` }).waitFor();
    await expect
      .poll(async () => (await sev1Hours()).map(normalise).join(' | '))
      .toMatch(/^Support hours: Monday–Friday, 09:00–18:00 WIB/);
    expect((await sev1Hours()).map(normalise)).not.toContain(allDay);

    await page.keyboard.press('Escape');
    await signInAs(page, 'anonymous');
    await w.launcher.click();
    await w.dialog.getByRole('heading', { name: `${s.title} · Kinobi AI` }).waitFor();
    await expect.poll(async () => (await sev1Hours()).length).toBeGreaterThan(0);
    expect((await sev1Hours()).map(normalise)).not.toContain(allDay);
    expect(consoleErrors).toEqual([]);
  });

  it('files a ticket of the premium user into organisation premium, with the token’s contact', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${BASE_URL}/?lang=en`);
    const w = widget(page, 'en');
    const { s } = w;
    await signInAs(page, 'premium');
    await w.launcher.click();
    const subject = uniqueSubject('Premium user cannot sign in');
    await fillWhat(w, subject, s);
    await w.radio(s.aff_service_unavailable).check();
    await w.radio(s.wa_none).check();
    await w.button(s.next).click();
    expect(await w.field(s.email).inputValue()).toBe('it@premium.example');
    expect(await w.field(s.email).getAttribute('readonly')).not.toBeNull();
    await w.button(s.next).click();
    await w.button(s.submit).click();
    await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });

    const [listed] = await eventually(async () => {
      const t = await ticketsWithSubject(subject);
      return t.length ? t : undefined;
    });
    const ticket = await agentGet<{
      organisation: { slug: string };
      flags: string[];
      contact?: { email?: string };
    }>(`/v1/tickets/${listed?.id}`);
    expect(ticket.organisation.slug).toBe('premium');
    expect(ticket.flags).not.toContain('organisation_unverified');

    // A shared browser: the next user (anonymous) sees neither the premium user's result nor requests,
    // and the premium user finds them again on coming back.
    await page.keyboard.press('Escape');
    await signInAs(page, 'anonymous');
    await w.launcher.click();
    await w.heading(s.step_what).waitFor();
    expect(await w.dialog.textContent()).not.toContain('it@premium.example');
    expect(await w.dialog.getByRole('button', { name: s.myRequests }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await signInAs(page, 'premium');
    await w.launcher.click();
    await w.heading(s.sentTitle).waitFor();
    expect(await w.dialog.textContent()).toContain('it@premium.example');
  });
});
