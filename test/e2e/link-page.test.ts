import { describe, expect, it } from 'vitest';
import { linkStrings } from '../../worker/link/strings';
import { agentGet, DEMO_AGENT_TOKEN } from './agent-api';
import { type AxeViolation, axeDocument, BASE_URL, openPage, useChromium } from './browser';

/**
 * The conversation link page (/r/<token>, issue 13) in Chromium: it works with JavaScript disabled
 * (the thread, a reply through the plain form, once, and back to the page), and axe-core finds no
 * violations in either language.
 */
const browser = useChromium();
const RUN = `l${Date.now().toString(36)}`;

async function ticketWithLink(): Promise<{ id: string; subject: string; url: string }> {
  const subject = `Faktur ganda ${RUN}`;
  const res = await fetch(`${BASE_URL}/v1/tickets`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${DEMO_AGENT_TOKEN}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `${RUN}-${Math.random()}`,
    },
    body: JSON.stringify({
      organisation: 'demo',
      channel: 'phone',
      contact: { name: 'Sari Wulandari', email: `sari-${RUN}@demo.example` },
      subject,
      description: 'Faktur bulan ini terkirim dua kali.',
      category: 'question',
      receivedAt: new Date().toISOString(),
    }),
  });
  if (res.status !== 201) throw new Error(`intake ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  // An agent's public reply, so the thread has something to show.
  await fetch(`${BASE_URL}/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_AGENT_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ body: `Kami sedang memeriksa tagihan Anda (${RUN}).` }),
  });
  const link = await fetch(`${BASE_URL}/v1/dev/conversation-link?ticket=${id}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_AGENT_TOKEN}` },
  });
  if (link.status !== 200) throw new Error(`link ${link.status}: ${await link.text()}`);
  return { id, subject, ...((await link.json()) as { url: string }) };
}

describe('the conversation link page', () => {
  it('shows the thread and takes a reply with JavaScript disabled, once', async () => {
    const t = await ticketWithLink();
    const path = new URL(t.url).pathname + new URL(t.url).search;
    const { page, consoleErrors } = await openPage(browser(), { javaScriptEnabled: false });
    await page.goto(`${BASE_URL}${path}`);
    const s = linkStrings('id');
    expect(await page.locator('h1').textContent()).toContain(t.subject);
    expect(await page.locator('.thread').textContent()).toContain(
      `Kami sedang memeriksa tagihan Anda (${RUN}).`,
    );
    const reply = `Terima kasih, saya tunggu (${RUN})`;
    await page.getByLabel(s.reply).fill(reply);
    await page.getByRole('button', { name: s.send }).click();
    await page.waitForURL(/sent=1/);
    expect(await page.getByRole('status').textContent()).toContain(s.sent);
    expect(await page.locator('.thread').textContent()).toContain(reply);
    // Going back and sending the same form again (the browser resubmits it) stores it once.
    await page.goBack();
    await page
      .getByRole('button', { name: s.send })
      .click()
      .catch(() => undefined);
    await page.waitForLoadState();
    const detail = await agentGet<{ messages: { body: string; authorType: string }[] }>(
      `/v1/tickets/${t.id}`,
    );
    expect(detail.messages.filter((m) => m.body === reply)).toHaveLength(1);
    expect(detail.messages.find((m) => m.body === reply)?.authorType).toBe('customer');
    expect(consoleErrors).toEqual([]);
  });

  it('has no axe-core violations in Indonesian and English', async () => {
    const t = await ticketWithLink();
    const { page } = await openPage(browser(), { bypassCSP: true });
    const found: Record<string, AxeViolation[]> = {};
    for (const lang of ['id', 'en']) {
      await page.goto(
        `${t.url.replace(/^https?:\/\/[^/]+/, BASE_URL).replace(/[?&]lang=\w+/, '')}${t.url.includes('?') ? '&' : '?'}lang=${lang}`,
      );
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      found[lang] = await axeDocument(page);
    }
    expect(found).toEqual({ id: [], en: [] });
  });
});
