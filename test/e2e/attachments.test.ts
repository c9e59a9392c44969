import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASE_URL, openPage, shot, useChromium } from './browser';

/**
 * Attachments in Chromium against `wrangler dev` with its local R2: the console composer attaches a
 * screenshot to a public reply, the timeline lists it, the download saves the same bytes with the
 * download-only headers, and the customer (with the ticket's token) gets it from the API.
 */
const browser = useChromium();
const LEAD = 'demo-lead-token';
const RUN = `a${Date.now().toString(36)}`;
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

/** A widget request (so the customer's token is known), as the widget sends it. */
async function fileRequest(tag: string) {
  const res = await fetch(`${BASE_URL}/v1/tickets`, {
    method: 'POST',
    headers: {
      'X-Kinobi-Key': 'demo-widget-key',
      'Content-Type': 'application/json',
      'Idempotency-Key': `${RUN}-${tag}`,
    },
    body: JSON.stringify({
      subject: `Ekspor gagal ${RUN} ${tag}`,
      description: 'Ekspor laporan gagal sejak pagi.',
      category: 'problem',
      impact: { affected: 'service_unavailable', workaround: 'none' },
      contact: { name: 'Sari', email: 'sari@demo.example' },
      environment: { userAgent: 'Mozilla/5.0 Chrome/140.0.0.0', cookiesEnabled: true },
    }),
  });
  if (res.status !== 201) throw new Error(`intake ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; accessToken: string };
}

describe('attachments in the console (Chromium, wrangler dev + local R2)', () => {
  it('attaches a screenshot to a reply, lists it in the timeline and downloads it', async () => {
    const ticket = await fileRequest('reply');

    const { page, consoleErrors } = await openPage(browser(), { acceptDownloads: true, locale: 'en-GB' });
    await page.goto(`${BASE_URL}/desk/dev-sign-in?token=${LEAD}`);
    await page.goto(`${BASE_URL}/desk/tickets/${ticket.id}`);
    await page.locator('#composer-body').fill('Halo Sari, ini langkah yang kami sarankan.');
    await page.locator('#composer-files').setInputFiles({
      name: 'langkah-1.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/done=reply/);
    const link = page.locator('.msg-reply .attachments a', { hasText: 'langkah-1.png' });
    await expect.poll(() => link.count()).toBe(1);
    await shot(page, 'console-attachment');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('langkah-1.png');
    expect(readFileSync(await download.path())).toEqual(PNG);

    // The same file through the API, as the customer's widget fetches it.
    const href = (await link.getAttribute('href')) ?? '';
    const id = href.split('/').pop() ?? '';
    const res = await fetch(`${BASE_URL}/v1/attachments/${id}`, {
      headers: { 'X-Kinobi-Key': 'demo-widget-key', 'X-Ticket-Token': ticket.accessToken },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="langkah-1.png"/);
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect(consoleErrors).toEqual([]);
  });

  it('shows a refused file as a readable error page and sends nothing', async () => {
    const { page } = await openPage(browser(), { locale: 'en-GB' });
    await page.goto(`${BASE_URL}/desk/dev-sign-in?token=${LEAD}`);
    const ticket = await fileRequest('refused');
    await page.goto(`${BASE_URL}/desk/tickets/${ticket.id}`);
    await page.locator('#composer-body').fill('Lihat halaman ini');
    await page.locator('#composer-files').setInputFiles({
      name: 'page.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<!doctype html><script>alert(1)</script>'),
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/messages')),
      page.getByRole('button', { name: 'Send', exact: true }).click(),
    ]);
    expect(response.status()).toBe(415);
    expect(await page.content()).toContain('Attach a screenshot or image');
    const detail = await fetch(`${BASE_URL}/v1/tickets/${ticket.id}`, {
      headers: { Authorization: `Bearer ${LEAD}` },
    });
    expect(((await detail.json()) as { messages: unknown[] }).messages).toEqual([]);
  });
});
