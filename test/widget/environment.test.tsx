import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateEnvironment, userAgentVerdict } from '../../shared/environment';
import type { EnvironmentReport } from '../../shared/schema';
import { App } from '../../widget/App';
import { collectEnvironment, redactUrl } from '../../widget/environment';
import { stringsFor } from '../../widget/strings';
import { CHROME_CURRENT, fakeApi, makeProps, makeWin, NOW, OPTIONS } from './fixtures';
import { describe_, fillContact, fillWhat, pick, press, type } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const OLD: [string, string][] = [
  ['Internet Explorer 11', 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko'],
  [
    'Chrome 49',
    'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/49.0.2623.112 Safari/537.36',
  ],
  [
    'Safari 12',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Safari/605.1.15',
  ],
];

/** Waits for GET /v1/widget/config, which carries the server's verdict on the user agent (title names the tenant). */
const configLoaded = () => screen.findByRole('heading', { name: /· Demo$/ });

function goToReviewId() {
  pick(/^pertanyaan$/i);
  type(/judul/i, 'Ekspor gagal');
  describe_('Tombol ekspor tidak merespons.');
  press(/lanjut/i);
  type(/^nama/i, 'Sari');
  type(/^email/i, 'sari@example.co.id');
  press(/lanjut/i);
}

function goToReview() {
  fillWhat(/^a question$/i);
  fillContact();
}

describe('environment: what is collected', () => {
  it('redacts the query string and fragment of the page address', () => {
    expect(redactUrl('https://app.example/a/b?token=x&u=1#secret')).toBe(
      'https://app.example/a/b?[redacted]#[redacted]',
    );
    expect(redactUrl('https://app.example/a')).toBe('https://app.example/a');
    expect(redactUrl('not a url')).toBe('');
  });

  it('reports browser, device, sizes, skew against the server Date and recent errors, without storage contents', () => {
    localStorage.setItem('private', 'do-not-send');
    const r = collectEnvironment(makeWin(CHROME_CURRENT), {
      errors: ['TypeError: x is undefined'],
      serverDate: NOW - 90_000,
      now: NOW,
      // what GET /v1/widget/config read from the same user agent
      detected: userAgentVerdict(CHROME_CURRENT),
    });
    expect(r).toMatchObject({
      userAgent: CHROME_CURRENT,
      browser: { name: 'Chrome', version: '140.0.0.0' },
      os: 'Windows',
      deviceType: 'desktop',
      viewport: { width: 1280, height: 800 },
      screen: { width: 1920, height: 1080 },
      devicePixelRatio: 2,
      language: 'en-US',
      clockSkewMs: 90_000,
      online: true,
      cookiesEnabled: true,
      storageAvailable: true,
      missingFeatures: [],
      recentErrors: ['TypeError: x is undefined'],
    });
    expect(JSON.stringify(r)).not.toContain('do-not-send');
    localStorage.clear();
  });
});

describe('environment: unsupported browsers', () => {
  for (const [name, ua] of OLD) {
    it(`warns a user on ${name} on the first step and again before submit, says to update, and still sends the ticket`, async () => {
      const api = fakeApi();
      render(<App {...makeProps({ userAgent: ua, fetchImpl: api.fetchImpl })} />);
      expect(screen.getByText('Step 1 of 4')).toBeTruthy();
      // the server's verdict on this user agent arrives with the config
      expect((await screen.findByRole('alert')).textContent).toContain('Your browser is not supported');
      goToReview();
      const warning = await screen.findByRole('alert');
      expect(warning.textContent).toContain('Your browser is not supported');
      expect(warning.textContent).toMatch(/update your browser/i);
      press(/send request/i);
      expect(await screen.findByText(/ticket number/)).toBeTruthy();
      expect(api.posts[0]?.body.environment.userAgent).toBe(ua);
    });
  }

  it('shows no warning on a current Chrome', async () => {
    render(<App {...makeProps({ userAgent: CHROME_CURRENT })} />);
    await configLoaded();
    goToReview();
    expect(screen.queryByText('Your browser is not supported')).toBeNull();
    fireEvent.click(screen.getByText('Sent with your request, to help us reproduce the problem'));
    expect(await screen.findByText('Chrome 140.0.0.0')).toBeTruthy();
  });

  it('names the browser and says to update it', async () => {
    render(<App {...makeProps({ userAgent: OLD[0]?.[1] })} />);
    await configLoaded();
    goToReview();
    const items = [...(await screen.findByRole('alert')).querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'This browser (Internet Explorer 11.0) is too old or not one we support. Update your browser to its latest version, or use a current Chrome, Edge, Firefox or Safari.',
    ]);
  });
});

describe('environment: the reasons, each with what to do', () => {
  it('tells a current browser with cookies off to allow cookies, not to update', async () => {
    const win = makeWin();
    (win.navigator as { cookieEnabled: boolean }).cookieEnabled = false;
    render(<App {...makeProps({ win })} />);
    goToReview();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your browser is not supported');
    expect(alert.textContent).toContain('Allow cookies for this site in your browser settings.');
    expect(alert.textContent).not.toMatch(/update your browser/i);
  });

  it('says it in Indonesian too', async () => {
    const win = makeWin(OLD[1]?.[1]);
    (win.navigator as { cookieEnabled: boolean }).cookieEnabled = false;
    render(<App {...makeProps({ win, options: { ...OPTIONS, locale: 'id' } })} />);
    await configLoaded();
    goToReviewId();
    const items = [...(await screen.findByRole('alert')).querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'Peramban ini (Chrome 49.0.2623.112) terlalu lama atau tidak kami dukung. Perbarui peramban Anda ke versi terbaru, atau gunakan Chrome, Edge, Firefox atau Safari terkini.',
      'Cookie dimatikan, padahal diperlukan untuk masuk. Izinkan cookie untuk situs ini di pengaturan peramban.',
    ]);
  });

  it('shows warnings that do not make a setup unsupported as tips, not as an alert', async () => {
    const win = { ...makeWin(), localStorage: undefined };
    render(<App {...makeProps({ win })} />);
    goToReview();
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await screen.findByRole('note')).textContent).toMatch(/private mode or blocked storage/);
  });

  it('has words in both languages for every reason and warning the policy can give', () => {
    const worst: EnvironmentReport = {
      userAgent: OLD[0]?.[1] ?? '',
      missingFeatures: ['shadow-dom'],
      cookiesEnabled: false,
      storageAvailable: false,
      clockSkewMs: 3_600_000,
      online: false,
      viewport: { width: 280, height: 500 },
    };
    const v = evaluateEnvironment(worst);
    const codes = [...v.reasons, ...v.warnings].map((f) => f.code);
    expect(codes).toHaveLength(7);
    for (const locale of ['en', 'id'] as const) {
      const s = stringsFor(locale) as Record<string, string>;
      for (const code of codes) expect(s[`why_${code}`], `${locale} why_${code}`).toMatch(/\. \S/);
    }
  });
});
