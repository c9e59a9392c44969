import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ticketsWithSubject } from './agent-api';
import {
  type AxeViolation,
  axeDocument,
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

/** Internet Explorer 11's user agent: the form must judge the browser by its headers. */
const IE11_UA = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';

/** The sizes people use: the most common laptop in Indonesia, another laptop, a phone, and 200% zoom. */
const VIEWPORTS: [string, BrowserContextOptions][] = [
  ['1366x768', { viewport: { width: 1366, height: 768 } }],
  ['1280x800', { viewport: { width: 1280, height: 800 } }],
  [
    '390x844',
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  ],
  // 200% zoom of 1366x768: the page lays out in half the CSS pixels.
  ['1366x768 at 200%', { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }],
];

type W = ReturnType<typeof widget>;

/** Whether the element lies wholly inside the viewport, without any scrolling. */
async function inViewport(page: Page, w: W, name: string) {
  const box = await w.button(name).boundingBox();
  const size = page.viewportSize() ?? { width: 0, height: 0 };
  return (
    !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height
  );
}

/** The dialog's height, to see it never jumps between steps. */
const dialogHeight = async (w: W) => Math.round((await w.dialog.boundingBox())?.height ?? 0);

/** Scrolls with the wheel over the dialog and over the backdrop; returns how far the host page moved. */
async function hostScrollAfterWheel(page: Page, w: W) {
  const before = await page.evaluate(() => window.scrollY);
  const box = await w.dialog.boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 2000);
    await page.mouse.move(2, 2);
    await page.mouse.wheel(0, 2000);
  }
  await page.waitForTimeout(300);
  return (await page.evaluate(() => window.scrollY)) - before;
}

describe('layout: the primary action of every step is in view, at every size', () => {
  for (const [name, options] of VIEWPORTS) {
    it(`${name}: Next and Send are inside the viewport on every step, the sheet keeps its height and the page stays still`, async () => {
      const { page } = await openPage(browser(), options);
      await page.goto(`${BASE_URL}/?lang=en`);
      const w = widget(page, 'en');
      const { s } = w;
      await w.launcher.click();
      await w.dialog.waitFor();
      const heights = [await dialogHeight(w)];
      expect(await inViewport(page, w, s.next)).toBe(true);
      await shot(page, `layout-${name.replace(/\W+/g, '-')}-1-what`);
      expect(await hostScrollAfterWheel(page, w)).toBe(0);

      await fillWhat(w, uniqueSubject(`layout ${name}`), s);
      await w.radio(s.aff_main_function_degraded).check();
      await w.radio(s.wa_limited).check();
      await w.dialog.locator('.due').waitFor();
      heights.push(await dialogHeight(w));
      expect(await inViewport(page, w, s.next)).toBe(true);
      await shot(page, `layout-${name.replace(/\W+/g, '-')}-2-impact`);

      await w.button(s.next).click();
      heights.push(await dialogHeight(w));
      expect(await inViewport(page, w, s.next)).toBe(true);
      await w.button(s.next).click();
      heights.push(await dialogHeight(w));
      expect(await inViewport(page, w, s.submit)).toBe(true);
      await shot(page, `layout-${name.replace(/\W+/g, '-')}-4-review`);
      expect(await hostScrollAfterWheel(page, w)).toBe(0);

      await w.button(s.submit).click();
      await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });
      heights.push(await dialogHeight(w));
      expect(await inViewport(page, w, s.newRequest)).toBe(true);
      await shot(page, `layout-${name.replace(/\W+/g, '-')}-5-sent`);
      expect(new Set(heights).size, `heights ${heights}`).toBe(1);
    });
  }

  it('390x844: the sheet fills the screen and a touch swipe does not scroll the page behind it', async () => {
    const { page } = await openPage(browser(), VIEWPORTS[2]?.[1]);
    await page.goto(`${BASE_URL}/?lang=en`);
    // The host page is taller than the phone: it could scroll.
    expect(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight)).toBe(true);
    const w = widget(page, 'en');
    await w.launcher.click();
    await w.dialog.waitFor();
    // once the opening animation (8 px up) has run
    await expect.poll(() => w.dialog.boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    const cdp = await page.context().newCDPSession(page);
    const points: [number, number][] = [
      [195, 400],
      [195, 30],
    ];
    for (const [x, y] of points) {
      await cdp.send('Input.synthesizeScrollGesture', { x, y, yDistance: -600, speed: 2000 });
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('320x640: the demo host page itself never scrolls sideways (its wide table scrolls in its panel)', async () => {
    const { page } = await openPage(browser(), { viewport: { width: 320, height: 640 } });
    await page.goto(`${BASE_URL}/?lang=en`);
    await widget(page, 'en').launcher.waitFor();
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth])).toEqual([320, 320]);
  });
});

/** The header's box, its first line of text and what lies outside the dialog's sides. */
function headerLayout(w: W) {
  return w.dialog.locator('header').evaluate((header) => {
    const dialog = header.closest('[role="dialog"]') as HTMLElement;
    const side = dialog.getBoundingClientRect();
    const box = header.getBoundingClientRect();
    const css = getComputedStyle(header);
    const title = header.querySelector('h2') as HTMLElement;
    const parts = [...header.querySelectorAll<HTMLElement>('*')];
    const px = Number.parseFloat;
    return {
      // the box its items lay out in: the border box less padding and border
      content:
        box.height -
        px(css.paddingTop) -
        px(css.paddingBottom) -
        px(css.borderTopWidth) -
        px(css.borderBottomWidth),
      line: px(getComputedStyle(title).lineHeight),
      titleHeight: title.getBoundingClientRect().height,
      // a title line (what it is; the organisation's name) cut with an ellipsis
      titleCut: [title, ...title.querySelectorAll('small')].some((e) => e.scrollWidth > e.clientWidth + 1),
      titleText: title.textContent,
      titleTip: title.title,
      outside: parts
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < side.left - 0.5 || r.right > side.right + 0.5;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
      buttons: [...header.querySelectorAll('button')].map((b) => {
        const r = b.getBoundingClientRect();
        return { name: b.getAttribute('aria-label'), width: r.width, height: r.height };
      }),
    };
  });
}

describe('layout: the panel header keeps to one line', () => {
  const sizes: [string, BrowserContextOptions][] = [
    ['390x844', VIEWPORTS[2]?.[1] ?? {}],
    ['800x600', { viewport: { width: 800, height: 600 } }],
    ['320x568', { viewport: { width: 320, height: 568 }, hasTouch: true }],
  ];
  for (const [size, options] of sizes) {
    for (const locale of ['id', 'en'] as const) {
      it(`${size}, ${locale}: title (two lines at most), My requests, language and close fit in two lines of text, inside the panel, with 44 px targets`, async () => {
        const { page } = await openPage(browser(), options);
        // the demo page signs the user in, so "My requests" is in the header: its fullest state
        await page.goto(`${BASE_URL}/?lang=${locale}`);
        const w = widget(page, locale);
        const { s } = w;
        await w.launcher.click();
        await w.dialog.waitFor();
        const mine = w.dialog.locator('header').getByRole('button', { name: s.myRequests, exact: true });
        await mine.waitFor();
        // and the tenant's name, from the config the panel fetches, in the title
        await expect.poll(() => w.dialog.locator('h2').textContent()).toMatch(new RegExp(`^${s.title} · .`));
        const other = locale === 'id' ? 'English' : 'Bahasa Indonesia';
        expect(
          await w.dialog.locator('header').getByRole('button', { name: other, exact: true }).count(),
        ).toBe(1);
        const l = await headerLayout(w);
        expect(l.content, `header ${l.content} px, a line ${l.line} px`).toBeLessThanOrEqual(2 * l.line);
        // the title takes two lines at most (what it is, then whose), and from a 390 px phone up the
        // demo tenant's whole title shows (at 320 px its lines end in an ellipsis)
        expect(l.titleHeight).toBeLessThanOrEqual(2 * l.line + 1);
        if ((options.viewport?.width ?? 0) >= 390)
          expect(l.titleCut, `title '${l.titleText}' cut`).toBe(false);
        expect(l.outside).toEqual([]);
        // the full title stays the dialog's name and the heading's tooltip (a longer one is cut)
        expect(l.titleTip).toBe(l.titleText);
        expect(
          await page
            .locator('[data-kinobi-support]')
            .getByRole('dialog', { name: l.titleText ?? '', exact: true })
            .count(),
        ).toBe(1);
        // 44 CSS px, less sub-pixel layout rounding (a box measured 43.999996 px once)
        for (const b of l.buttons) {
          expect(b.width, `${b.name} width`).toBeGreaterThanOrEqual(43.5);
          expect(b.height, `${b.name} height`).toBeGreaterThanOrEqual(43.5);
        }
        await shot(page, `layout-header-${size}-${locale}`);
      });
    }
  }
});

describe('placement and language', () => {
  it('opens the panel on the left for data-position="bottom-left"', async () => {
    const { page } = await openPage(browser(), { viewport: { width: 1366, height: 768 } });
    await page.route(`${BASE_URL}/`, async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace(
        'data-key="demo-widget-key"',
        'data-key="demo-widget-key" data-position="bottom-left"',
      );
      await route.fulfill({ response: res, body: html });
    });
    await page.goto(`${BASE_URL}/`);
    const w = widget(page, 'id');
    const launcher = await w.launcher.boundingBox();
    expect(launcher?.x).toBeLessThan(100);
    await w.launcher.click();
    const box = await w.dialog.boundingBox();
    expect(box?.x).toBeLessThanOrEqual(16);
    await shot(page, 'layout-left');
  });

  it('switches language in the panel; the launcher follows, and focus returns to the host button that opened it', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${BASE_URL}/`);
    const w = widget(page, 'id');
    await page.locator('#open-help').click();
    await w.dialog.waitFor();
    await w.dialog.getByRole('button', { name: 'English' }).click();
    const en = widget(page, 'en');
    await en.dialog.waitFor();
    expect(await en.launcher.textContent()).toBe('Help');
    await page.keyboard.press('Escape');
    await expect.poll(() => en.dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('open-help');
  });
});

describe('category paths: the right questions and the guide’s severity', () => {
  const cases = [
    ['question', 'cat_question', 4, []],
    ['feature request', 'cat_feature_request', 4, []],
    ['professional services', 'cat_professional_services', 4, ['professional_services']],
  ] as const;
  for (const [what, cat, severity, flags] of cases) {
    it(`a ${what}: no impact questions, its own wording, severity ${severity} on the review and on the ticket`, async () => {
      const { page } = await openPage(browser());
      await page.goto(`${BASE_URL}/?lang=en`);
      const w = widget(page, 'en');
      const { s } = w;
      await w.launcher.click();
      await w.radio(s[cat]).check();
      expect(await w.field(s.steps).count()).toBe(0);
      const subject = uniqueSubject(what);
      await w.field(s.subject).fill(subject);
      await w.description.fill('Written by the category test.');
      await w.button(s.next).click();
      expect(await w.dialog.getByText(s.affected).count()).toBe(0);
      expect(await w.live()).toBe('Step 2 of 3: Your contact details');
      await w.button(s.next).click();
      const review = w.dialog.locator('.review');
      expect(await review.textContent()).toContain(`Severity ${severity}: ${s[`sev${severity}`]}`);
      expect(await review.textContent()).toContain(subject);
      expect(await review.textContent()).toContain('Ayu Lestari <it@demo.example>');
      expect(await w.dialog.getByText(s.environment).count()).toBe(1);
      await w.button(s.submit).click();
      await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });
      // announced once the result has painted
      await expect.poll(() => w.live()).toMatch(/^Request sent\. Your ticket number is #\d+\.$/);
      const [ticket] = await eventually(async () => {
        const t = await ticketsWithSubject(subject);
        return t.length ? t : undefined;
      });
      expect(ticket?.severity).toBe(severity);
      for (const f of flags) expect(ticket?.flags).toContain(f);
    });
  }

  it('a security incident: three steps, personal data asked, severity 1, and a confirmation of who was alerted and what to do now (id)', async () => {
    const { page } = await openPage(browser(), {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${BASE_URL}/`);
    const w = widget(page, 'id');
    const { s } = w;
    await w.launcher.click();
    await w.radio(s.cat_security_incident).check();
    // the security chunk's question: personal data is involved (sent as personalData: true)
    await w.radio(s.yes).check();
    const subject = uniqueSubject('Kunci API bocor');
    await w.field(s.subject).fill(subject);
    await w.description.fill('Kunci API terlihat di repositori publik sejak pagi.');
    await w.button(s.next).click();
    await w.button(s.next).click();
    expect(await w.dialog.getByText(s.reviewSecurity).count()).toBe(1);
    const row = w.dialog.locator('dl.review > div', { hasText: s.pdQuestion });
    expect(await row.locator('dd').first().textContent()).toBe(s.yes);
    await w.button(s.submit).click();
    await w.heading(s.secTitle).waitFor({ timeout: 10_000 });
    const text = (await w.dialog.locator('.body').textContent()) ?? '';
    for (const part of [s.secAlerted, s.secOutOfHours, s.secMeanwhileTitle, s.target, 'Severity 1: Kritis'])
      expect(text).toContain(part);
    expect(text).toContain('Jawaban kami dikirim ke email it@demo.example.');
    expect(await inViewport(page, w, s.newRequest)).toBe(true);
    await shot(page, 'security-confirmation-390');
    const [ticket] = await eventually(async () => {
      const t = await ticketsWithSubject(subject);
      return t.length ? t : undefined;
    });
    expect(ticket?.severity).toBe(1);
    expect(ticket?.flags).toContain('security_incident');
    expect(ticket?.flags).toContain('personal_data');
  });
});

describe('below the supported floor: the no-JavaScript form', () => {
  it('offers a link to the server-rendered form when the browser cannot run the panel', async () => {
    const { page } = await openPage(browser());
    // An engine without constructable stylesheets (Safari before 16.4): the loader must not try.
    await page.addInitScript(() => {
      delete (Document.prototype as unknown as Record<string, unknown>).adoptedStyleSheets;
    });
    await page.goto(`${BASE_URL}/`);
    const link = page.locator('a[data-kinobi-support]');
    await link.waitFor();
    expect(await link.textContent()).toBe('Bantuan');
    expect(await link.getAttribute('href')).toBe(`${BASE_URL}/v1/forms/request?key=demo-widget-key&lang=id`);
    expect(await page.locator('div[data-kinobi-support]').count()).toBe(0);
    await shot(page, 'fallback-link');
  });

  it('the linked form works without JavaScript and creates a ticket', async () => {
    const { page } = await openPage(browser(), { javaScriptEnabled: false, userAgent: IE11_UA });
    const res = await page.goto(`${BASE_URL}/v1/forms/request?key=demo-widget-key&lang=en`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(await page.locator('script').count()).toBe(0);
    // The old browser is told why it got this form; the stylesheet applied under the strict CSP.
    expect(await page.getByText('This browser (Internet Explorer) is too old').count()).toBe(1);
    const buttonColour = await page
      .locator('button[type=submit]')
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(buttonColour).toBe('rgb(11, 92, 191)');
    const subject = uniqueSubject('No-JS form');
    await page.getByLabel('Subject').fill(subject);
    await page.locator('textarea').first().fill('Sent from the fallback form.');
    await page.getByLabel('Name').fill('Ayu Lestari');
    await page.getByLabel('Email').fill('it@demo.example');
    await shot(page, 'fallback-form-en');
    // A problem without its two impact answers comes back with the answers kept and the fields marked.
    await page.getByRole('button', { name: /send/i }).click();
    await page.locator('.summary').waitFor();
    expect(await page.locator('#affected-error').textContent()).toBe('Please fill this in.');
    expect(await page.getByLabel('Subject').inputValue()).toBe(subject);
    await shot(page, 'fallback-form-errors');
    await page.getByLabel('A main feature works much worse than it should').check();
    await page.getByLabel('Only in a limited or temporary way').check();
    await page.getByRole('button', { name: /send/i }).click();
    await page.getByRole('heading', { name: 'Request sent' }).waitFor();
    const text = normalise((await page.locator('main').textContent()) ?? '');
    expect(text).toMatch(/Your ticket number is #\d+\./);
    expect(text).toContain('Severity 2: High');
    expect(text).toMatch(/Expect a first response by .+ WIB\./);
    expect(text).toContain('This is a target, not a guarantee.');
    await shot(page, 'fallback-form-sent');
    const [ticket] = await eventually(async () => {
      const t = await ticketsWithSubject(subject);
      return t.length ? t : undefined;
    });
    expect(text).toContain(`#${ticket?.number}.`);
    expect(ticket?.severity).toBe(2);
    expect(ticket?.flags).toContain('unsupported_environment');
    expect(await ticketsWithSubject(subject)).toHaveLength(1);
  });

  for (const lang of ['id', 'en'] as const) {
    it(`has no axe-core violations: the form, its errors and the result (${lang})`, async () => {
      // axe is injected as a script, which the page's CSP rightly refuses: bypass it here only.
      const { page } = await openPage(browser(), { bypassCSP: true });
      await page.goto(`${BASE_URL}/v1/forms/request?key=demo-widget-key&lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const scans: Record<string, AxeViolation[]> = { form: await axeDocument(page) };
      await page.locator('#subject').fill(uniqueSubject(`axe form ${lang}`));
      await page.locator('#description').fill('Checked by axe-core.');
      await page.locator('#name').fill('Ayu Lestari');
      await page.locator('#email').fill('it@demo.example');
      await page.locator('button[type=submit]').click();
      await page.locator('.summary').waitFor();
      scans.errors = await axeDocument(page);
      await page.locator('#affected-non_critical_or_intermittent').check();
      await page.locator('#workaround-reasonable').check();
      await page.locator('button[type=submit]').click();
      await page.locator('p.big').waitFor();
      scans.result = await axeDocument(page);
      expect(scans).toEqual({ form: [], errors: [], result: [] });
    });
  }
});
