import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Locale } from '../../shared/schema';
import { type Strings, stringsFor } from '../../widget/strings';

/** The `wrangler dev` the runner started (scripts/e2e.mjs). */
export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8788';
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '..', '..', 'screenshots');

/** Debian's Chromium, headless; playwright gives every launch a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * One Chromium per test file: launched before its tests, closed after them. Returns a getter, since
 * the browser exists only once `beforeAll` has run.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not launched yet (useChromium runs in beforeAll)');
    return browser;
  };
}

/** A page in a new context on Jakarta time (the widget shows WIB), collecting console errors. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({
    timezoneId: 'Asia/Jakarta',
    viewport: { width: 1100, height: 760 },
    ...options,
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return { context, page, consoleErrors };
}

/** Saves a screenshot under screenshots/ (git-ignored) for people to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

/**
 * An 800 px wide crop of the right of the page, where the widget opens: the README's images are
 * copied from these (optimised) into docs/img.
 */
export async function readmeShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1100, height: 760 };
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({
    path: join(SHOTS, `readme-${name}.png`),
    animations: 'disabled',
    clip: { x: Math.max(0, size.width - 800), y: 0, width: Math.min(800, size.width), height: size.height },
  });
}

/** The widget's parts, found through its open shadow root by role and the widget's own strings. */
export function widget(page: Page, locale: Locale) {
  const s = stringsFor(locale);
  const host = page.locator('[data-kinobi-support]');
  const dialog = host.getByRole('dialog', { name: s.title });
  return {
    s,
    host,
    dialog,
    launcher: host.getByRole('button', { name: locale === 'id' ? 'Bantuan' : 'Help' }),
    button: (name: string) => dialog.getByRole('button', { name, exact: true }),
    radio: (name: string) => dialog.getByRole('radio', { name, exact: true }),
    field: (label: string) => dialog.getByLabel(label, { exact: true }),
    /** The description, whose label is the category's own question. */
    description: dialog.locator('#k-description'),
    heading: (name: string) => dialog.getByRole('heading', { name, exact: true }),
    /** What the live region last told a screen reader. */
    live: () => dialog.locator('[role="status"]').textContent(),
  };
}

/** Labels the tests write into the form, unique per run so the agent API can find the ticket. */
export function uniqueSubject(what: string): string {
  return `[e2e ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}] ${what}`;
}

/** Fills step 1 (what happened) of a problem report and moves on. */
export async function fillWhat(w: ReturnType<typeof widget>, subject: string, s: Strings): Promise<void> {
  await w.radio(s.cat_problem).check();
  await w.field(s.subject).fill(subject);
  await w.description.fill('Deployments page shows a spinner forever after the last release.');
  await w.button(s.next).click();
}

/** Polls `check` until it returns a value or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The locator's text with whitespace (incl. narrow no-break spaces from Intl) normalised. */
export async function textOf(locator: Locator): Promise<string> {
  return normalise((await locator.textContent()) ?? '');
}

/** Collapses every kind of whitespace to one plain space. */
export const normalise = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, ' ').trim();

const AXE = join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

/** One axe-core violation, as the browser tests report it. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown; failureSummary: string }[];
}

/**
 * Runs axe-core on the whole document of `page`. The page must allow the injected script: open it
 * in a context with `bypassCSP: true` and JavaScript on.
 */
export async function axeDocument(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Result = { violations: AxeViolation[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}
