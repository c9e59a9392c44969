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

describe('style isolation: hostile host CSS does not break the widget', () => {
  it('renders and submits under `* { all: unset }`, `button { display:none !important }`, `div { visibility: hidden }`', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${BASE_URL}/?hostile=1&lang=en`);
    // The hostile sheet is really applied to the host page.
    await expect
      .poll(() =>
        page.evaluate(() => getComputedStyle(document.querySelector('#open-help') as Element).display),
      )
      .toBe('none');
    const w = widget(page, 'en');
    const { s } = w;
    await expect.poll(() => w.launcher.isVisible()).toBe(true);
    const box = await w.launcher.boundingBox();
    expect(box?.width).toBeGreaterThan(40);
    expect(box?.height).toBeGreaterThan(20);
    // Only the shadow host is exposed to the page's rules; the button's own look must survive them.
    const look = await w.launcher.evaluate((el) => {
      const c = getComputedStyle(el);
      return { visibility: c.visibility, fontSize: c.fontSize, position: c.position, opacity: c.opacity };
    });
    expect(look).toEqual({ visibility: 'visible', fontSize: '15px', position: 'fixed', opacity: '1' });
    // `div { opacity: .2 }` matches the host element itself; it would fade the whole widget.
    expect(await w.host.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await shot(page, 'hostile-01-launcher');

    await w.launcher.click();
    await expect.poll(() => w.dialog.isVisible()).toBe(true);
    await shot(page, 'hostile-02-open');
    const subject = uniqueSubject('Submitted under hostile CSS');
    await fillWhat(w, subject, s);
    await w.radio(s.aff_question_or_cosmetic).check();
    await w.radio(s.wa_reasonable).check();
    for (let i = 0; i < 2; i++) await w.button(s.next).click();
    await w.button(s.submit).click();
    await w.heading(s.sentTitle).waitFor({ timeout: 10_000 });
    await shot(page, 'hostile-03-submitted');
    const found = await eventually(async () => {
      const t = await ticketsWithSubject(subject);
      return t.length ? t : undefined;
    });
    expect(found).toHaveLength(1);
  });
});
