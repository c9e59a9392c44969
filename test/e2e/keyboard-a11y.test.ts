import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/schema';
import { classifySeverity } from '../../shared/severity';
import { convoStrings } from '../../widget/conversation/strings';
import { ticketsWithSubject } from './agent-api';
import { BASE_URL, eventually, openPage, shot, uniqueSubject, useChromium, widget } from './browser';

const browser = useChromium();

/** What has focus, looking through shadow roots: its label and whether it sits in the widget's dialog. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const input = el as HTMLInputElement | null;
    const label = input?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '';
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      label: label.replace(/\s+/g, ' ').trim(),
      checked: input?.checked ?? false,
      inWidget: !!el && el.getRootNode() !== document,
      inDialog: !!el?.closest('[role="dialog"]'),
    };
  });
}

/** Presses Tab (keyboard only) until the focused control's label starts with `label`. */
async function tabTo(page: Page, label: string, max = 30) {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)).label.startsWith(label)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${label}"; focus is on ${JSON.stringify(await focused(page))}`);
}

describe('keyboard only: launcher to a submitted ticket', () => {
  it('opens with Enter, walks the form with Tab, arrows and Space, traps focus, closes on Escape back to the launcher', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${BASE_URL}/`);
    const w = widget(page, 'id');
    const { s } = w;
    await w.launcher.waitFor();

    // The launcher is the last thing on the page: Shift+Tab from the top wraps to it.
    const launcherLook = () =>
      w.launcher.evaluate((el) => {
        const c = getComputedStyle(el);
        return { background: c.backgroundColor, color: c.color, font: c.font, radius: c.borderRadius };
      });
    const lookBefore = await launcherLook();
    await page.keyboard.press('Shift+Tab');
    await tabTo(page, 'Bantuan', 40);
    expect((await focused(page)).inWidget).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).inDialog).toBe(true);
    await shot(page, 'keyboard-01-open');

    // Category radios: arrows move the choice, and back again.
    await tabTo(page, s.cat_problem);
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ label: s.cat_question, checked: true });
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toMatchObject({ label: s.cat_problem, checked: true });

    const subject = uniqueSubject('Keyboard only');
    await tabTo(page, s.subject);
    await page.keyboard.type(subject);
    await tabTo(page, s.desc_problem);
    await page.keyboard.type('Typed without a mouse.');
    await tabTo(page, s.next);
    await page.keyboard.press('Enter');

    // Impact: Tab into each group, pick with arrows (ArrowDown checks the next option).
    await tabTo(page, s.aff_service_unavailable);
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ label: s.aff_main_function_degraded, checked: true });
    await tabTo(page, s.wa_none);
    await page.keyboard.press('Space');
    expect(await focused(page)).toMatchObject({ label: s.wa_none, checked: true });
    await shot(page, 'keyboard-02-impact');
    await tabTo(page, s.next);
    await page.keyboard.press('Space');
    await tabTo(page, s.next); // contact, prefilled by identify()
    await page.keyboard.press('Enter');

    // Focus trap: Tab and Shift+Tab keep cycling inside the dialog.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
      expect((await focused(page)).inDialog).toBe(true);
    }
    await tabTo(page, s.submit);
    await shot(page, 'keyboard-03-review');
    await page.keyboard.press('Enter');
    await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });
    await shot(page, 'keyboard-04-submitted');
    const found = await eventually(async () => {
      const t = await ticketsWithSubject(subject);
      return t.length ? t : undefined;
    });
    expect(found).toHaveLength(1);
    const impact = { affected: 'main_function_degraded', workaround: 'none' } as const;
    expect(found[0]?.severity).toBe(classifySeverity({ category: 'problem', impact }).severity);

    // Focus moved to the result, still inside the dialog (not dropped on the host page's <body>).
    expect(await focused(page)).toMatchObject({ label: s.sentTitle, inDialog: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => w.dialog.count()).toBe(0);
    expect(await focused(page)).toMatchObject({ label: 'Bantuan', inWidget: true, inDialog: false });
    // The panel's styles, loaded on open, leave the launcher looking as it did before.
    expect(await launcherLook()).toEqual(lookBefore);
    await shot(page, 'keyboard-05-closed');
  });
});

const AXE = join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown; failureSummary: string }[];
}

/** Runs axe-core on the widget's shadow host (axe walks open shadow roots); rule ids that passed too. */
async function axeScan(page: Page): Promise<{ violations: AxeViolation[]; passed: string[] }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Result = { violations: AxeViolation[]; passes: { id: string }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Element, o: object) => Promise<Result> } }).axe;
    const host = document.querySelector('[data-kinobi-support]') as Element;
    const result = await axe.run(host, { resultTypes: ['violations'] });
    return {
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
      passed: result.passes.map((p) => p.id),
    };
  });
}

/** The violations of one scan. */
const axeViolations = async (page: Page) => (await axeScan(page)).violations;

describe('axe-core: no violations in the open widget', () => {
  for (const locale of ['id', 'en'] as Locale[]) {
    it(`has none on every step of the form, with field errors, and on the result (${locale})`, async () => {
      // axe is injected as an inline script, which the demo's CSP rightly refuses: bypass it here only.
      const { page } = await openPage(browser(), { bypassCSP: true });
      await page.goto(`${BASE_URL}/?lang=${locale}`);
      const w = widget(page, locale);
      const { s } = w;
      const scans: Record<string, AxeViolation[]> = {};
      await w.launcher.click();
      await w.dialog.waitFor();
      const first = await axeScan(page);
      // axe really looked inside the shadow root: the form's labels and buttons were checked.
      expect(first.passed).toEqual(expect.arrayContaining(['label', 'button-name', 'aria-dialog-name']));
      scans.what = first.violations;
      await w.button(s.next).click(); // empty: field errors shown
      await expect.poll(() => w.dialog.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
      scans.errors = await axeViolations(page);
      await w.field(s.subject).fill(uniqueSubject(`axe ${locale}`));
      await w.description.fill('Checked by axe-core.');
      await w.button(s.next).click();
      await w.button(s.next).click(); // no answers: the radio groups are marked invalid
      scans.impactErrors = await axeViolations(page);
      await w.radio(s.aff_question_or_cosmetic).check();
      await w.radio(s.wa_reasonable).check();
      await w.dialog.locator('.due').waitFor();
      scans.impact = await axeViolations(page);
      await w.button(s.next).click();
      scans.contact = await axeViolations(page);
      await w.button(s.next).click();
      scans.review = await axeViolations(page);
      await shot(page, `axe-${locale}-review`);
      await w.button(s.submit).click();
      await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });
      scans.result = await axeViolations(page);
      const found = Object.entries(scans).filter(([, v]) => v.length);
      expect(found, JSON.stringify(found, null, 1)).toEqual([]);
    });
  }
});

describe('axe-core: no violations in My requests', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has none on the list and in a thread, in the ${colorScheme} scheme`, async () => {
      const { page } = await openPage(browser(), { bypassCSP: true, colorScheme });
      await page.goto(`${BASE_URL}/`);
      const w = widget(page, 'id');
      const { s } = w;
      const c = convoStrings.id;
      await w.launcher.click();
      await w.radio(s.cat_question).check();
      const subject = uniqueSubject(`axe requests ${colorScheme}`);
      await w.field(s.subject).fill(subject);
      await w.description.fill('Checked by axe-core.');
      await w.button(s.next).click();
      await w.button(s.next).click(); // contact, prefilled by identify()
      await w.button(s.submit).click();
      await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });
      await w.dialog.locator('header').getByRole('button', { name: s.myRequests, exact: true }).click();
      await w.heading(c.title).waitFor({ timeout: 10_000 });
      const item = w.dialog.getByRole('button', { name: subject }); // "#<number> <subject>"
      await item.waitFor({ timeout: 10_000 });
      const scans: Record<string, AxeViolation[]> = { list: await axeViolations(page) };
      await item.click();
      await w.field(c.reply).waitFor({ timeout: 10_000 });
      scans.thread = await axeViolations(page);
      await shot(page, `axe-requests-${colorScheme}`);
      const found = Object.entries(scans).filter(([, v]) => v.length);
      expect(found, JSON.stringify(found, null, 1)).toEqual([]);
    });
  }
});
