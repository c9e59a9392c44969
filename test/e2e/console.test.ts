import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convoStrings } from '../../widget/conversation/strings';
import { ticketsWithSubject } from './agent-api';
import { BASE_URL, eventually, openPage, shot, uniqueSubject, useChromium, widget } from './browser';

/**
 * The agent console in Chromium against `wrangler dev`: dev sign-in, the queue across both demo
 * organisations, the ticket page's forms driven by the keyboard shortcuts, filters and search, the
 * service review's CSV, axe-core in both languages, and the strict CSP (no console errors).
 */
const browser = useChromium();
const RUN = `c${Date.now().toString(36)}`;
const LEAD = 'demo-lead-token';
const AXE = join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');
const IMG = join(import.meta.dirname, '..', '..', 'docs', 'img');
const HOUR = 3_600_000;

/** Logs a phone request through the agents' API (received `hoursAgo`, so due times interleave). */
async function logRequest(organisation: string, subject: string, affected: string, hoursAgo: number) {
  const res = await fetch(`${BASE_URL}/v1/tickets`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${LEAD}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `${RUN}-${subject}`,
    },
    body: JSON.stringify({
      organisation,
      channel: 'phone',
      contact: { name: 'Budi Santoso', email: `it@${organisation}.example` },
      subject: `${subject} ${RUN}`,
      description: `Pelanggan menelepon: ${subject}.`,
      category: 'problem',
      impact: { affected, workaround: 'none' },
      receivedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    }),
  });
  if (res.status !== 201) throw new Error(`intake ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; number: number };
}

async function signedIn(opts: { bypassCSP?: boolean; locale?: string; phone?: boolean } = {}) {
  const opened = await openPage(browser(), {
    ...(opts.phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: { width: 1366, height: 768 } }),
    locale: opts.locale ?? 'en-GB',
    acceptDownloads: true,
    bypassCSP: opts.bypassCSP ?? false,
  });
  await opened.page.goto(`${BASE_URL}/desk/dev-sign-in?token=${LEAD}`);
  return opened;
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown }[];
}
/** axe-core's violations on the whole page (injected as a script: the context bypasses the CSP). */
async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const a = (
      window as unknown as { axe: { run: (c: Document) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await a.run(document);
    return r.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

const subjects = (page: Page) => page.locator('#queue-rows a.row-link').allTextContents();
const dueTimes = (page: Page) =>
  page
    .locator('#queue-rows tr time')
    .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));

let tickets: Awaited<ReturnType<typeof logRequest>>[] = [];
beforeAll(async () => {
  tickets = [
    await logRequest('demo', 'Dasbor tidak bisa dibuka', 'service_unavailable', 30),
    await logRequest('premium', 'Login gagal', 'service_unavailable', 20),
    await logRequest('demo', 'Ekspor lambat', 'main_function_degraded', 10),
    await logRequest('premium', 'Pertanyaan faktur', 'question_or_cosmetic', 2),
  ];
});

describe('the agent console', () => {
  it('signs in, shows both organisations in due order, and works the ticket from the keyboard', async () => {
    const { page, consoleErrors } = await signedIn();
    expect(new URL(page.url()).pathname).toBe('/desk');
    // Search with "/" for this run's tickets.
    await page.keyboard.press('/');
    await page.keyboard.type(RUN);
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    expect(await subjects(page)).toHaveLength(4);
    const due = await dueTimes(page);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const orgs = await page.locator('#queue-rows tr td:nth-child(4)').allTextContents();
    expect(new Set(orgs)).toEqual(new Set(['PT Demo Nusantara', 'PT Contoh Premium']));
    await shot(page, 'console-queue');

    // j twice then k: the first row; Enter opens it.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const first = (await subjects(page))[0] ?? '';
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/desk\/tickets\//);
    await expect.poll(() => page.locator('h1').textContent()).toContain(first);

    // r: reply.
    await page.keyboard.press('r');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer-body');
    expect(await page.locator('#kind-reply').isChecked()).toBe(true);
    await page.keyboard.type('Halo Budi, kami sedang memeriksa.');
    await page.locator('#composer-body').press('Tab'); // leave the field: then submit with the button
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/done=reply/);
    await expect
      .poll(() => page.locator('.msg-reply .body').last().textContent())
      .toBe('Halo Budi, kami sedang memeriksa.');

    // n: internal note, with a canned reply inserted by the island.
    await page.keyboard.press('n');
    expect(await page.locator('#kind-note').isChecked()).toBe(true);
    await page.locator('#canned').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Insert' }).click();
    await expect.poll(() => page.locator('#composer-body').inputValue()).toMatch(/Budi Santoso/);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/done=note/);
    await expect.poll(() => page.locator('.msg-note').count()).toBe(1);
    // A phone ticket's reply goes to the customer by mail; the note does not. The mail consumer sends it
    // from the queue about a second after the reply: reload until it shows.
    const mailEvents = () => page.locator('.timeline .event', { hasText: 'Email sent' }).count();
    await expect
      .poll(
        async () => {
          await page.reload();
          return mailEvents();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);

    // Flags and scope, with a reason.
    await page.getByText('Change flags and scope').click();
    await page.getByLabel('Third-party component').check();
    await page.locator('#flags-reason').fill('Gangguan di penyedia login');
    await page.getByRole('button', { name: 'Save flags and scope' }).click();
    await page.waitForURL(/done=flags/);
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('Gangguan di penyedia login');

    // Reclassify with a reason.
    await page.locator('#severity-select').selectOption('2');
    await page.locator('#severity-reason').fill('Hanya sebagian pengguna terdampak');
    await page.getByRole('button', { name: 'Change severity' }).click();
    await page.waitForURL(/done=severity/);
    await expect
      .poll(() => page.locator('.timeline').textContent())
      .toContain('Hanya sebagian pengguna terdampak');
    // Answered before the change: the first response keeps the severity-1 target it was answered
    // against (120 minutes, not severity 2's 240), and the header shows no first-response "due" any more.
    expect(await page.locator('tr[data-clock="first_response"] td').last().textContent()).toMatch(
      / \/ 120 \(/,
    );
    expect(await page.locator('dd[data-fact="first-response"]').textContent()).toMatch(
      /^(Met|Late), answered .+ \(due .+\)$/,
    );
    expect(await page.locator('dd[data-fact="due"]').count()).toBe(0);
    expect(await page.locator('dd[data-fact="next-due"]').count()).toBe(1);

    // e: escalate to a team with a note.
    await page.keyboard.press('e');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('escalate-team');
    await page.locator('#escalate-team').selectOption('engineering');
    await page.locator('#escalate-note').fill('Mohon cek log autentikasi');
    await page.getByRole('button', { name: 'Escalate', exact: true }).click();
    await page.waitForURL(/done=escalated/);
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('Mohon cek log autentikasi');

    // a: assign to me.
    await page.keyboard.press('a');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('assign-select');
    await page.locator('#assign-select').selectOption('me');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.waitForURL(/done=assigned/);
    await expect.poll(() => page.locator('dl.summary').textContent()).toContain('Bagus Pratama');
    await shot(page, 'console-ticket');

    // The agents' API sees the same: a public reply and a note that is not public.
    const res = await fetch(`${BASE_URL}/v1/tickets/${page.url().split('/tickets/')[1]?.split('?')[0]}`, {
      headers: { Authorization: `Bearer ${LEAD}` },
    });
    const detail = (await res.json()) as {
      severity: number;
      messages: { public: boolean; authorType: string }[];
    };
    expect(detail.severity).toBe(2);
    // The reply, the note, and the desk's out-of-scope notice that the flag change sent the customer.
    expect(detail.messages.map((m) => [m.authorType, m.public])).toEqual([
      ['agent', true],
      ['agent', false],
      ['system', true],
    ]);

    // ?: the shortcut list.
    await page.keyboard.press('?');
    expect(await page.locator('#shortcuts').getAttribute('open')).not.toBeNull();
    expect(consoleErrors).toEqual([]);
  });

  it('reads the queue on a phone: at 390×844 each row is a card, nothing scrolls sideways, and severity, status and due are in view', async () => {
    const { page, consoleErrors } = await signedIn({ phone: true });
    await page.goto(`${BASE_URL}/desk?q=${RUN}`);
    expect((await subjects(page)).length).toBeGreaterThanOrEqual(4);
    const overflow = await page.evaluate(() => {
      const wide = (e: Element) => e.scrollWidth > e.clientWidth;
      const table = document.querySelector('table.queue') as HTMLElement;
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        table: wide(table),
        rows: [...table.querySelectorAll('tr.row')].filter(wide).length,
        cells: [...table.querySelectorAll('tr.row td')].filter(wide).length,
      };
    });
    expect(overflow).toEqual({ page: 0, table: false, rows: 0, cells: 0 });
    // The first ticket's due, severity and status are on screen as loaded, without scrolling.
    const first = page.locator('#queue-rows tr.row').first();
    for (const cell of ['td.q-due .sla', 'td.q-due time', 'td.q-sev', 'td.q-status', 'td.q-assignee']) {
      const box = await first.locator(cell).boundingBox();
      expect(box, cell).not.toBeNull();
      expect(box?.x, cell).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0), cell).toBeLessThanOrEqual(390);
      expect((box?.y ?? 0) + (box?.height ?? 0), cell).toBeLessThanOrEqual(844);
    }
    expect(await first.locator('td.q-sev').textContent()).toMatch(/^S[1-4] /);
    // Whom it waits on has no column header to read on a card: it is labelled.
    expect(await first.locator('td.q-waiting .card-label').isVisible()).toBe(true);
    expect(await first.locator('td.q-waiting').textContent()).toMatch(/^Waiting on: (Us|Customer)$/);
    await shot(page, 'console-queue-390');
    // The ticket's SLA clocks are cards as well: nothing to scroll sideways there either.
    await first.locator('a.row-link').click();
    await page.waitForURL(/\/desk\/tickets\//);
    const clocks = await page.evaluate(() => {
      const box = document.querySelector('section.clocks .table-scroll') as HTMLElement;
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        box: box.scrollWidth - box.clientWidth,
      };
    });
    expect(clocks).toEqual({ page: 0, box: 0 });
    expect(await page.locator('tr[data-clock="first_response"] .card-label').first().isVisible()).toBe(true);
    await shot(page, 'console-ticket-390');
    expect(consoleErrors).toEqual([]);
  });

  it('keeps the queue a table at 1366×768: one line per ticket under visible column headers', async () => {
    const { page } = await signedIn();
    await page.goto(`${BASE_URL}/desk?q=${RUN}`);
    expect(await page.locator('table.queue thead th').first().isVisible()).toBe(true);
    const layout = await page.evaluate(() => {
      const table = document.querySelector('table.queue') as HTMLElement;
      const rows = [...table.querySelectorAll('tr.row')];
      return {
        wide: table.scrollWidth > table.clientWidth,
        display: rows.map((r) => getComputedStyle(r).display),
        // Every cell of a row starts on the same line.
        tops: rows.map(
          (r) => new Set([...r.querySelectorAll('td')].map((td) => td.getBoundingClientRect().top)).size,
        ),
        labels: [...table.querySelectorAll('.card-label')].filter(
          (e) => (e as HTMLElement).offsetParent !== null,
        ).length,
      };
    });
    expect(layout.wide).toBe(false);
    expect(new Set(layout.display)).toEqual(new Set(['table-row']));
    expect(new Set(layout.tops)).toEqual(new Set([1]));
    expect(layout.labels).toBe(0);
    await page.locator('#queue-rows a.row-link').first().click();
    await page.waitForURL(/\/desk\/tickets\//);
    expect(
      await page.locator('tr[data-clock="first_response"]').evaluate((r) => getComputedStyle(r).display),
    ).toBe('table-row');
    expect(await page.locator('section.clocks .card-label').first().isVisible()).toBe(false);
  });

  it('filters by organisation, view and search without JavaScript-only controls', async () => {
    const { page, consoleErrors } = await signedIn();
    await page.goto(`${BASE_URL}/desk?q=${RUN}`);
    await page.locator('#f-organisation').selectOption('premium');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/organisation=premium/);
    const orgs = await page.locator('#queue-rows tr td:nth-child(4)').allTextContents();
    expect(orgs.length).toBeGreaterThan(0);
    expect(new Set(orgs)).toEqual(new Set(['PT Contoh Premium']));
    await page.goto(`${BASE_URL}/desk?q=${RUN}`);
    await page.getByRole('link', { name: 'Mine' }).click();
    await page.waitForURL(/view=mine/);
    expect(await subjects(page)).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });

  it('shows a new ticket without a reload (the light poll, every 15 s while visible)', async () => {
    const { page } = await signedIn();
    await page.goto(`${BASE_URL}/desk?q=${RUN}`);
    const before = (await subjects(page)).length;
    await logRequest('demo', 'Tiket baru', 'non_critical_or_intermittent', 1);
    await expect.poll(() => subjects(page).then((s) => s.length), { timeout: 25_000 }).toBe(before + 1);
    expect(await page.locator('#queue-status').textContent()).toMatch(/Queue updated/);
  }, 40_000);

  it('a reply from the console reaches the customer in the widget; an internal note never does', async () => {
    // The customer asks through the widget on the demo page.
    const customer = await openPage(browser());
    await customer.page.goto(`${BASE_URL}/`);
    const w = widget(customer.page, 'id');
    const c = convoStrings.id;
    await customer.page.waitForSelector('html[data-demo-user="demo"]');
    await w.launcher.click();
    await expect.poll(() => w.dialog.isVisible()).toBe(true);
    const subject = uniqueSubject('Bagaimana mengganti alamat faktur?');
    await w.radio(w.s.cat_question).check();
    await w.field(w.s.subject).fill(subject);
    await w.description.fill('Saya tidak menemukan pengaturan alamat faktur.');
    await w.button(w.s.next).click();
    await w.button(w.s.next).click();
    await w.button(w.s.submit).click();
    await w.heading(w.s.sentTitle).waitFor({ timeout: 10_000 });
    const [ticket] = await eventually(async () => {
      const found = await ticketsWithSubject(subject);
      return found.length ? found : undefined;
    });

    // The agent answers and adds a note in the console.
    const { page, consoleErrors } = await signedIn();
    await page.goto(`${BASE_URL}/desk/tickets/${ticket?.id}`);
    const answer = `Pengaturan → Tagihan → Alamat faktur (${RUN})`;
    const note = `Catatan internal: pelanggan lama (${RUN})`;
    await page.locator('#composer-body').fill(answer);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/done=reply/);
    await page.locator('#kind-note').check();
    await page.locator('#composer-body').fill(note);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/done=note/);

    // The customer opens My requests: the answer is there, the note is not.
    await w.dialog.locator('.body').getByRole('button', { name: w.s.myRequests, exact: true }).click();
    await w.heading(c.title).waitFor({ timeout: 10_000 });
    await w.dialog.getByRole('button', { name: `#${ticket?.number} ${subject}`, exact: true }).click();
    await w.dialog.locator('.thread').getByText(answer).waitFor({ timeout: 15_000 });
    expect(await w.dialog.locator('.thread').textContent()).not.toContain(note);
    expect(consoleErrors).toEqual([]);
    expect(customer.consoleErrors).toEqual([]);
  }, 60_000);

  it('opens the service review and downloads its CSV', async () => {
    const { page, consoleErrors } = await signedIn();
    await page.goto(`${BASE_URL}/desk/reports`);
    await expect.poll(() => page.locator('svg.chart rect.track').count()).toBe(4);
    // every label and value is drawn inside the chart ("no tickets yet" was cut off at its right edge)
    const overflow = await page.evaluate(() => {
      const svg = document.querySelector('svg.chart')?.getBoundingClientRect();
      return [...document.querySelectorAll('svg.chart text')]
        .filter((t) => svg && t.getBoundingClientRect().right > svg.right + 0.5)
        .map((t) => t.textContent);
    });
    expect(overflow).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^service-review-all-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'section,severity,metric,value,ticket_number,subject,clock,cycle,target_business_minutes,due_at,breached_at,late_business_minutes',
    );
    expect(csv).toContain('summary,1,first_responses_breached,');
    await shot(page, 'console-review');
    expect(consoleErrors).toEqual([]);
  });

  it('has no axe-core violations on the queue, ticket and review pages, in English and Indonesian, and at 390 px', async () => {
    const { page } = await signedIn({ bypassCSP: true });
    const found: Record<string, AxeViolation[]> = {};
    for (const lang of ['en', 'id']) {
      await page.goto(`${BASE_URL}/desk?q=${RUN}`);
      if ((await page.locator('html').getAttribute('lang')) !== lang) {
        await page.locator('form.lang button').click();
        await page.waitForLoadState();
      }
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      found[`queue-${lang}`] = await axe(page);
      await page.locator('#queue-rows a.row-link').first().click();
      await page.waitForURL(/\/desk\/tickets\//);
      found[`ticket-${lang}`] = await axe(page);
      await page.goto(`${BASE_URL}/desk/reports`);
      found[`review-${lang}`] = await axe(page);
    }
    // The phone layout (rows and clocks as cards) too.
    const phone = (await signedIn({ bypassCSP: true, phone: true })).page;
    await phone.goto(`${BASE_URL}/desk?q=${RUN}`);
    found['queue-390'] = await axe(phone);
    await phone.locator('#queue-rows a.row-link').first().click();
    await phone.waitForURL(/\/desk\/tickets\//);
    found['ticket-390'] = await axe(phone);
    for (const v of Object.values(found)) expect(v).toEqual([]);
    expect(Object.keys(found)).toHaveLength(8);
  });

  it('saves the README screenshots at 1366×768', async () => {
    const { page } = await signedIn();
    mkdirSync(IMG, { recursive: true });
    await page.goto(`${BASE_URL}/desk`);
    await page.screenshot({ path: join(IMG, 'console-queue.png') });
    await page.goto(`${BASE_URL}/desk/tickets/${tickets[0]?.id}`);
    await page.screenshot({ path: join(IMG, 'console-ticket.png') });
    await page.goto(`${BASE_URL}/desk/reports`);
    await page.screenshot({ path: join(IMG, 'console-review.png') });
  });
});
