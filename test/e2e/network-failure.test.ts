import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type AgentTicket, ticketsWithSubject } from './agent-api';
import {
  BASE_URL,
  eventually,
  fillWhat,
  openPage,
  shot,
  textOf,
  uniqueSubject,
  useChromium,
  widget,
} from './browser';

const browser = useChromium();

const TICKETS = '**/v1/tickets';

/** Walks a problem report from the launcher to the review, where the submit button is. */
async function walkToSubmit(page: Page, subject: string) {
  const w = widget(page, 'id');
  const { s } = w;
  await w.launcher.click();
  await fillWhat(w, subject, s);
  await w.radio(s.aff_non_critical_or_intermittent).check();
  await w.radio(s.wa_reasonable).check();
  await w.button(s.next).click();
  await w.button(s.next).click();
  return w;
}

/** Walks a problem report to the submit button and presses it. */
async function submitProblem(page: Page, subject: string) {
  const w = await walkToSubmit(page, subject);
  await w.button(w.s.submit).click();
  return w;
}

/** Waits until exactly one ticket with this subject exists, then checks it stays one. */
async function expectExactlyOneTicket(subject: string) {
  const found = await eventually(async () => {
    const t = await ticketsWithSubject(subject);
    return t.length ? t : undefined;
  });
  expect(found).toHaveLength(1);
  // A late duplicate retry would show up here.
  await new Promise((r) => setTimeout(r, 2_500));
  expect(await ticketsWithSubject(subject)).toHaveLength(1);
  return found[0] as AgentTicket;
}

describe('network failure: nothing lost, nothing doubled', () => {
  it('saves a submission whose POST is cut off, shows "saved, will be sent", and sends it once the network is back', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${BASE_URL}/`);
    const posts: string[] = [];
    let cut = 0;
    await page.route(TICKETS, async (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts.push(route.request().headers()['idempotency-key'] ?? '');
      if (cut++ === 0) return route.abort('internetdisconnected');
      return route.continue();
    });
    const subject = uniqueSubject('Cut-off POST, then the network returns');
    const w = await submitProblem(page, subject);
    const status = w.dialog.locator('.body');
    await expect.poll(() => w.heading(w.s.queuedTitle).count()).toBe(1);
    await shot(page, 'network-01-saved-will-be-sent');

    // The outbox retries on its own (backoff); the user then sees the ticket number.
    await expect.poll(() => w.heading(w.s.sentTitle).count(), { timeout: 15_000 }).toBe(1);
    await shot(page, 'network-02-sent-after-retry');
    const ticket = await expectExactlyOneTicket(subject);
    expect(await textOf(status)).toContain(`#${ticket.number}`);
    // Every attempt carried the same Idempotency-Key.
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(posts).size).toBe(1);
  });

  it('creates one ticket when the server took the POST but its answer was lost (the retry is idempotent)', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${BASE_URL}/`);
    let lost = 0;
    let firstStatus = 0;
    await page.route(TICKETS, async (route: Route) => {
      if (route.request().method() !== 'POST' || lost++ > 0) return route.continue();
      firstStatus = (await route.fetch()).status(); // the server creates the ticket...
      return route.abort('connectionreset'); // ...but the browser never hears back
    });
    const subject = uniqueSubject('Answer lost after the server created the ticket');
    const w = await submitProblem(page, subject);
    const status = w.dialog.locator('.body');
    await expect.poll(() => w.heading(w.s.queuedTitle).count()).toBe(1);
    expect(firstStatus).toBe(201);
    await expect.poll(() => w.heading(w.s.sentTitle).count(), { timeout: 15_000 }).toBe(1);
    const ticket = await expectExactlyOneTicket(subject);
    expect(await textOf(status)).toContain(`#${ticket.number}`);
  });

  it('saves a submission sent offline (the retry chunk cannot be fetched either), and sends it once the browser is back online', async () => {
    const { page, context } = await openPage(browser());
    await page.goto(`${BASE_URL}/`);
    const chunks: string[] = [];
    page.on('request', (r) => {
      if (/\/retry-[\w-]+\.js$/.test(r.url())) chunks.push(r.url());
    });
    const subject = uniqueSubject('Sent offline, then the browser is back online');
    const w = await walkToSubmit(page, subject);
    const { s } = w;
    await context.setOffline(true);
    await w.button(s.submit).click();
    await expect.poll(() => w.heading(s.queuedTitle).count()).toBe(1);
    expect(await ticketsWithSubject(subject)).toHaveLength(0);
    await context.setOffline(false);
    await expect.poll(() => w.heading(s.sentTitle).count(), { timeout: 15_000 }).toBe(1);
    const ticket = await expectExactlyOneTicket(subject);
    expect(await textOf(w.dialog.locator('.body'))).toContain(`#${ticket.number}`);
    // the retry code came only once it was needed and could be fetched
    expect(chunks.length).toBeGreaterThanOrEqual(1);
  });

  it('sends a queued submission after the page is reloaded, exactly once', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${BASE_URL}/`);
    await page.route(TICKETS, (route: Route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    );
    const subject = uniqueSubject('Queued, then the page is reloaded');
    const w = await submitProblem(page, subject);
    await expect.poll(() => w.heading(w.s.queuedTitle).count()).toBe(1);
    expect(await ticketsWithSubject(subject)).toHaveLength(0);
    await shot(page, 'network-03-queued-before-reload');

    await page.unroute(TICKETS);
    await page.reload();
    // Nobody opens the widget: the loader sees the unsent item and the panel sends it in the background.
    await expectExactlyOneTicket(subject);
    await expect
      .poll(() => page.locator('html').getAttribute('data-last-ticket'), { timeout: 10_000 })
      .not.toBeNull();
    await shot(page, 'network-04-sent-after-reload');
  });
});
