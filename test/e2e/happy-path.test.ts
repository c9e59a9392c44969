import { describe, expect, it } from 'vitest';
import type { Severity } from '../../shared/schema';
import { classifySeverity } from '../../shared/severity';
import { formatDue } from '../../widget/format';
import { fill } from '../../widget/strings';
import { ticketsWithSubject } from './agent-api';
import {
  BASE_URL,
  eventually,
  fillWhat,
  normalise,
  openPage,
  readmeShot,
  shot,
  textOf,
  uniqueSubject,
  useChromium,
  widget,
} from './browser';
import { dueTextsBetween, expectedDue } from './expected';

const browser = useChromium();

describe('happy path: help button to a ticket the agents see', () => {
  it('shows the rule-given first-response time, submits, and the agent API lists the ticket with that severity and due time', async () => {
    const { page, consoleErrors } = await openPage(browser());
    const response = await page.goto(`${BASE_URL}/`);
    // The demo runs under a strict CSP (dist/public/_headers); any violation would be a console error.
    const csp = response?.headers()['content-security-policy'] ?? '';
    for (const directive of ["script-src 'self'", "connect-src 'self'", "style-src 'self'"])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-');
    const w = widget(page, 'id');
    const { s } = w;
    // what the widget fetches: an online user whose request goes through needs no rare path's chunk
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await shot(page, 'happy-01-host-page');

    // The demo page signs its user in with an identity token (demo/user-switch.js) once loaded.
    await page.waitForSelector('html[data-demo-user="demo"]');
    const openedFrom = Date.now();
    await w.launcher.click();
    await expect.poll(() => w.dialog.isVisible()).toBe(true);
    await shot(page, 'happy-02-widget-open');

    const subject = uniqueSubject('Deployments page never finishes loading');
    await fillWhat(w, subject, s);

    const impact = { affected: 'main_function_degraded', workaround: 'limited' } as const;
    const severity = classifySeverity({ category: 'problem', impact }).severity as Severity;
    await w.radio(s.aff_main_function_degraded).check();
    await w.radio(s.wa_limited).check();
    // The severity is shown as soon as both impact answers are given.
    await expect
      .poll(() => w.dialog.getByText(fill(s.severityIs, { n: severity, name: s[`sev${severity}`] })).count())
      .toBeGreaterThan(0);
    // The expected first response shows beside the impact answers.
    const due = w.dialog.locator('.due');
    await expect.poll(() => due.count()).toBe(1);
    const shownDue = await textOf(due);
    const openedTo = Date.now();
    const allowed = dueTextsBetween(severity, openedFrom, openedTo, 'id').map((t) =>
      normalise(fill(s.firstResponseBy, { n: severity, time: t })),
    );
    expect(allowed).toContain(shownDue);
    await shot(page, 'happy-03-impact');
    await readmeShot(page, 'widget-open');

    await w.button(s.next).click();
    // identify() prefilled the contact step
    expect(await w.field(s.name).inputValue()).toBe('Ayu Lestari');
    expect(await w.field(s.email).inputValue()).toBe('it@demo.example');
    await w.button(s.next).click();
    await shot(page, 'happy-05-review');
    await w.button(s.submit).click();

    await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });
    const resultText = await textOf(w.dialog.locator('.body'));
    const number = Number(/#(\d+)/.exec(resultText)?.[1]);
    expect(number).toBeGreaterThan(0);
    await shot(page, 'happy-06-ticket-submitted');
    expect(scripts.filter((p) => /\/(retry|server-errors|blocked|environment)-[\w-]+\.js$/.test(p))).toEqual(
      [],
    );
    await readmeShot(page, 'ticket-submitted');

    const [ticket, ...more] = await eventually(async () => {
      const found = await ticketsWithSubject(subject);
      return found.length ? found : undefined;
    });
    expect(more).toHaveLength(0);
    expect(ticket?.number).toBe(number);
    expect(ticket?.severity).toBe(severity);
    const createdAt = Date.parse(String(ticket?.createdAt));
    expect(createdAt).toBeGreaterThanOrEqual(openedFrom - 5_000);
    expect(ticket?.firstResponseDueAt).toBe(new Date(expectedDue(severity, createdAt)).toISOString());
    // The confirmation repeats the due time the server stored.
    expect(resultText).toContain(
      normalise(
        fill(s.sentDue, { time: formatDue(String(ticket?.firstResponseDueAt), 'id', 'Asia/Jakarta') }),
      ),
    );
    // The demo host's identify() carries a signed identity token, so the contact is verified, and its
    // email is the organisation's authorised contact.
    expect(ticket?.flags).not.toContain('unverified_contact');
    expect(ticket?.flags).not.toContain('unauthorised_contact');
    // The host page's `on('submitted')` listener heard about it.
    expect(await page.locator('html').getAttribute('data-last-ticket')).toBe(String(number));
    expect(consoleErrors).toEqual([]);
  });
});
