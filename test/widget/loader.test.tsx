import { configure, fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MountPanel, PanelHost } from '../../widget/bridge';
import { initLoader, readOptions } from '../../widget/loader';
import { fakeApi, NOW } from './fixtures';

// Queries run inside the shadow root, which the default error message cannot pretty-print.
// The first test that opens the panel imports and transforms it cold: over a second on a busy machine.
configure({
  getElementError: (message) => new Error(message ?? 'element not found'),
  asyncUtilTimeout: 5000,
});

const SRC = 'https://support.example/static/widget.js';
const script = (dataset: Record<string, string> = {}) => ({
  src: SRC,
  dataset: { key: 'test-key', ...dataset },
});

/** The real panel module, with a fake API behind fetch; records the host the loader hands over. */
function realPanel(api = fakeApi()) {
  const hosts: PanelHost[] = [];
  const load = vi.fn(async (): Promise<MountPanel> => {
    const { mount } = await import('../../widget/panel');
    return (host) => {
      hosts.push(host);
      return mount(host, { fetch: api.fetchImpl as unknown as typeof fetch, now: () => NOW });
    };
  });
  return { load, hosts, api };
}

const shadow = () => {
  const root = document.querySelector('[data-kinobi-support]')?.shadowRoot;
  if (!root) throw new Error('no widget host');
  return root;
};
const inShadow = () => within(shadow() as unknown as HTMLElement);

beforeEach(() => {
  document.documentElement.lang = 'en';
  document.documentElement.style.overflow = '';
  localStorage.clear();
  delete window.KinobiSupport;
});
afterEach(() => {
  for (const el of document.querySelectorAll('[data-kinobi-support]')) el.remove();
  delete window.KinobiSupport;
});

describe('readOptions', () => {
  it('defaults the API to the script origin and the locale to the page language', () => {
    expect(readOptions(script(), 'id-ID')).toEqual({
      key: 'test-key',
      api: 'https://support.example',
      locale: 'id',
      localeGuessed: false,
      position: 'bottom-right',
      label: undefined,
      hideLauncher: false,
    });
    expect(readOptions(script(), 'en-US', 'id-ID')).toMatchObject({ locale: 'en', localeGuessed: false });
  });

  it('guesses from the browser language, to be overridden by the tenant, when no id/en locale is given', () => {
    expect(readOptions(script(), 'fr', 'id-ID')).toMatchObject({ locale: 'id', localeGuessed: true });
    expect(readOptions(script(), '', 'en-US')).toMatchObject({ locale: 'en', localeGuessed: true });
    expect(readOptions(script({ locale: 'id' }), 'fr')).toMatchObject({ locale: 'id', localeGuessed: false });
  });

  it('reads every data- attribute', () => {
    const o = readOptions(
      script({
        api: 'https://api.example/',
        locale: 'id',
        position: 'bottom-left',
        label: 'Tanya kami',
        hideLauncher: '',
      }),
      'en',
    );
    expect(o).toMatchObject({
      api: 'https://api.example',
      locale: 'id',
      position: 'bottom-left',
      label: 'Tanya kami',
      hideLauncher: true,
    });
  });
});

describe('initLoader below the supported floor', () => {
  it('offers a link to the server-rendered form instead of a panel the browser cannot run', () => {
    // An old engine: no constructable stylesheets, no module scripts.
    const opened: string[] = [];
    const old = {
      document,
      navigator: { language: 'id-ID' },
      localStorage,
      fetch: undefined,
      Element: window.Element,
      Document: function Document() {},
      open: (url: string) => opened.push(url),
    } as unknown as Window;
    document.documentElement.lang = 'id';
    const api = initLoader(script(), old, vi.fn());
    const link = document.querySelector<HTMLAnchorElement>('a[data-kinobi-support]');
    expect(link?.textContent).toBe('Bantuan');
    expect(link?.href).toBe('https://support.example/v1/forms/request?key=test-key&lang=id');
    expect(link?.style.position).toBe('fixed');
    api.open();
    expect(opened).toEqual([link?.href]);
    link?.remove();
  });
});

describe('initLoader', () => {
  it('adds only a launcher in a shadow root, styled by a constructable stylesheet, and loads nothing yet', () => {
    const panel = realPanel();
    initLoader(script({ label: 'Need help?' }), window, panel.load);
    const root = shadow();
    const button = inShadow().getByRole('button', { name: 'Need help?' });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    expect(root.querySelector('style')).toBeNull();
    expect(root.adoptedStyleSheets.length).toBe(1);
    expect(panel.load).not.toHaveBeenCalled();
  });

  it('loads the panel on intent (hover or focus) once, and opens it on click', async () => {
    const panel = realPanel();
    initLoader(script(), window, panel.load);
    const button = inShadow().getByRole('button', { name: 'Help' });
    fireEvent.pointerEnter(button);
    fireEvent.focus(button);
    expect(panel.load).toHaveBeenCalledTimes(1);
    expect(inShadow().queryByRole('dialog')).toBeNull();
    fireEvent.click(button);
    expect(await inShadow().findByRole('dialog', { name: 'Contact support · Demo' })).toBeTruthy();
    expect(panel.load).toHaveBeenCalledTimes(1);
  });

  it('identify() again replaces the user and makes an open panel ask for that user’s config', async () => {
    const panel = realPanel();
    const api = initLoader(script(), window, panel.load);
    api.identify({ userId: 'u-7', userHash: 'a'.repeat(64) });
    api.open();
    expect(await inShadow().findByRole('dialog')).toBeTruthy();
    api.identify({ token: 'h.eyJzdWIiOiJ1MSJ9.s' });
    expect(panel.hosts[0]?.state.identity).toEqual({ token: 'h.eyJzdWIiOiJ1MSJ9.s' });
    const configCalls = () =>
      panel.api.fetchImpl.mock.calls
        .filter(([u]) => new URL(String(u)).pathname === '/v1/widget/config')
        .map(([, init]) => new Headers(init?.headers).get('X-Kinobi-Identity'));
    await waitFor(() => expect(configCalls()).toEqual([null, 'h.eyJzdWIiOiJ1MSJ9.s']));
  });

  it('replays calls queued by the stub before the script loaded, in order', async () => {
    const panel = realPanel();
    const seen: unknown[] = [];
    window.KinobiSupport = {
      q: [
        ['identify', { userId: 'u-7', name: 'Dewi', email: 'dewi@example.co.id' }],
        ['setContext', { appVersion: '4.2.0', features: { beta: ['ai-reports'] } }],
        ['on', 'submitted', (t: unknown) => seen.push(t)],
        ['open'],
      ],
    };
    const api = initLoader(script(), window, panel.load);
    expect(window.KinobiSupport).toBe(api);
    expect(await inShadow().findByRole('dialog')).toBeTruthy();
    expect(panel.hosts[0]?.state.identity).toEqual({
      userId: 'u-7',
      name: 'Dewi',
      email: 'dewi@example.co.id',
    });
    expect(panel.hosts[0]?.state.context.appVersion).toBe('4.2.0');
    const q = inShadow();
    fireEvent.click(q.getByRole('radio', { name: 'A question' }));
    fireEvent.input(q.getByLabelText(/subject/i), { target: { value: 'Where is the export?' } });
    fireEvent.input(q.getByLabelText('What would you like to know?'), {
      target: { value: 'Cannot find it.' },
    });
    fireEvent.click(q.getByRole('button', { name: 'Next' }));
    expect((q.getByLabelText(/^name/i) as HTMLInputElement).value).toBe('Dewi');
    fireEvent.click(q.getByRole('button', { name: 'Next' }));
    // what is collected: listed once the review's details are opened (their own chunk)
    fireEvent.click(q.getByText('Sent with your request, to help us reproduce the problem'));
    expect(await q.findByText('ai-reports')).toBeTruthy();
    fireEvent.click(q.getByRole('button', { name: 'Send request' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({ number: 1042 });
    expect(panel.api.posts[0]?.body.context).toMatchObject({
      appVersion: '4.2.0',
      features: { beta: ['ai-reports'] },
    });
  });

  it('closes on Escape and returns focus to the launcher; Tab stays inside the dialog', async () => {
    initLoader(script(), window, realPanel().load);
    const button = inShadow().getByRole('button', { name: 'Help' });
    button.focus();
    fireEvent.click(button);
    const dialog = await inShadow().findByRole('dialog');
    await waitFor(() => expect(shadow().activeElement?.textContent).toBe('What happened'));
    const focusable = [...dialog.querySelectorAll<HTMLElement>('button, input, textarea')];
    focusable.at(-1)?.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(shadow().activeElement).toBe(focusable[0]);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(shadow().activeElement).toBe(focusable.at(-1));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(inShadow().queryByRole('dialog')).toBeNull());
    expect(shadow().activeElement).toBe(button);
  });

  it("returns focus to the host's own button that opened the panel, and locks the page's scrolling meanwhile", async () => {
    const own = document.body.appendChild(document.createElement('button'));
    own.textContent = 'Report a problem';
    const api = initLoader(script(), window, realPanel().load);
    own.focus();
    api.open();
    await inShadow().findByRole('dialog');
    expect(document.documentElement.style.overflow).toBe('hidden');
    api.close();
    await waitFor(() => expect(inShadow().queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(own);
    expect(document.documentElement.style.overflow).toBe('');
    own.remove();
  });

  it('opens the panel on the left when data-position is bottom-left', async () => {
    initLoader(script({ position: 'bottom-left' }), window, realPanel().load);
    const button = inShadow().getByRole('button', { name: 'Help' });
    expect([button.style.left, button.style.right]).toEqual(['20px', '']);
    fireEvent.click(button);
    await inShadow().findByRole('dialog');
    expect(shadow().querySelector('.backdrop')?.classList.contains('left')).toBe(true);
  });

  it('speaks one language in launcher and panel: a switch in the panel relabels the launcher and is remembered', async () => {
    initLoader(script(), window, realPanel().load);
    const button = inShadow().getByRole('button', { name: 'Help' });
    fireEvent.click(button);
    fireEvent.click(await inShadow().findByRole('button', { name: 'Bahasa Indonesia' }));
    expect(await inShadow().findByRole('dialog', { name: 'Hubungi dukungan · Demo' })).toBeTruthy();
    expect(button.textContent).toBe('Bantuan');
    expect(localStorage.getItem('kinobi:lang:test-key')).toBe('id');
    // the next page load starts in the chosen language, over the page's own
    for (const el of document.querySelectorAll('[data-kinobi-support]')) el.remove();
    delete window.KinobiSupport;
    initLoader(script(), window, realPanel().load);
    expect(inShadow().getByRole('button', { name: 'Bantuan' })).toBeTruthy();
  });

  it('follows the tenant’s language in the launcher when the page named none', async () => {
    document.documentElement.lang = '';
    const api = initLoader(script(), window, realPanel(fakeApi()).load);
    api.open();
    // the fake config's tenant speaks Indonesian
    expect(await inShadow().findByRole('dialog', { name: 'Hubungi dukungan · Demo' })).toBeTruthy();
    expect(await inShadow().findByRole('button', { name: 'Bantuan' })).toBeTruthy();
  });

  it('opens and closes from the host page with no launcher when data-hide-launcher is set', async () => {
    const api = initLoader(script({ hideLauncher: 'true' }), window, realPanel().load);
    expect(inShadow().queryByRole('button')).toBeNull();
    api.open();
    expect(await inShadow().findByRole('dialog')).toBeTruthy();
    api.close();
    await waitFor(() => expect(inShadow().queryByRole('dialog')).toBeNull());
  });

  it('keeps the last 10 error messages of the page, messages only', async () => {
    const panel = realPanel();
    const api = initLoader(script(), window, panel.load);
    for (let i = 1; i <= 12; i++) window.dispatchEvent(new ErrorEvent('error', { message: `boom ${i}` }));
    api.open();
    await waitFor(() => expect(panel.hosts).toHaveLength(1));
    expect(panel.hosts[0]?.state.errors).toEqual(Array.from({ length: 10 }, (_, i) => `boom ${i + 3}`));
  });

  it('loads the panel in idle time when an unsent ticket waits in the outbox, and sends it', async () => {
    localStorage.setItem(
      'kinobi:outbox:test-key',
      JSON.stringify([
        { id: 'idem-old', body: { subject: 's' }, attempts: 1, nextAt: NOW - 1, state: 'pending' },
      ]),
    );
    const panel = realPanel();
    const seen: unknown[] = [];
    const api = initLoader(script(), window, panel.load);
    api.on('submitted', (t) => seen.push(t));
    await waitFor(() => expect(panel.load).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(panel.api.posts.map((p) => p.key)).toEqual(['idem-old']);
    expect(localStorage.getItem('kinobi:outbox:test-key')).toBeNull();
  });

  it('retries a request that gave up once in idle time and, when it fails again, badges the launcher', async () => {
    localStorage.setItem(
      'kinobi:outbox:test-key',
      JSON.stringify([
        { id: 'idem-gave-up', body: { subject: 's' }, attempts: 6, nextAt: NOW, state: 'failed' },
      ]),
    );
    const panel = realPanel(fakeApi(['network-error', 'ok']));
    const seen: unknown[] = [];
    const api = initLoader(script(), window, panel.load);
    api.on('submitted', (t) => seen.push(t));
    const button = () => inShadow().getByRole('button', { name: /^Help/ });
    // the panel loads by itself (no click), tries once, and marks the launcher
    await waitFor(() => expect(button().textContent).toBe('Help (A support request has not been sent yet)'));
    expect(panel.api.posts).toHaveLength(1);
    expect(inShadow().queryByRole('dialog')).toBeNull();
    // back online: one more try, which gets through; the dot goes away
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(seen).toHaveLength(1));
    await waitFor(() => expect(button().textContent).toBe('Help'));
    expect(panel.api.posts.map((p) => p.key)).toEqual(['idem-gave-up', 'idem-gave-up']);
  });

  it('does not load the panel when the outbox is empty', async () => {
    const panel = realPanel();
    initLoader(script(), window, panel.load);
    await new Promise((r) => setTimeout(r, 20));
    expect(panel.load).not.toHaveBeenCalled();
  });
});

describe('the launcher’s unread badge (issue 13)', () => {
  const TICKETS = {
    'a1b2c3d4-0000-4000-8000-000000000001': 'f00d',
    'a1b2c3d4-0000-4000-8000-000000000002': 'beef',
  };
  /** window.fetch answering GET /v1/widget/unread with `body` (or failing), recording each call. */
  function unreadFetch(answer: () => Promise<Response>) {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const spy = vi.spyOn(window, 'fetch').mockImplementation(async (url, init) => {
      calls.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
      return answer();
    });
    return { calls, spy };
  }
  const json = (status: number, body: unknown) =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
    );
  afterEach(() => vi.restoreAllMocks());

  it('asks once at load for the tickets this device holds and paints the count, without loading the panel', async () => {
    localStorage.setItem('kinobi:tickets:test-key', JSON.stringify(TICKETS));
    const { calls } = unreadFetch(() => json(200, { unread: 2 }));
    const panel = realPanel();
    initLoader(script(), window, panel.load);
    const button = await inShadow().findByRole('button', { name: 'Help, 2 new replies' });
    // a space before the count: the visible "Help 2" is then part of the name (WCAG 2.5.3)
    expect(button.querySelector('.n')?.textContent).toBe(' 2');
    expect(button.textContent).toBe('Help 2');
    expect(calls).toEqual([
      {
        url: 'https://support.example/v1/widget/unread',
        headers: {
          'X-Kinobi-Key': 'test-key',
          'X-Ticket-Tokens': Object.entries(TICKETS)
            .map(([id, token]) => `${id}:${token}`)
            .join(','),
        },
      },
    ]);
    expect(panel.load).not.toHaveBeenCalled();
  });

  it('speaks the launcher’s language, in the singular for one reply', async () => {
    document.documentElement.lang = 'id';
    localStorage.setItem('kinobi:tickets:test-key', JSON.stringify(TICKETS));
    unreadFetch(() => json(200, { unread: 1 }));
    initLoader(script(), window, realPanel().load);
    expect(await inShadow().findByRole('button', { name: 'Bantuan, 1 balasan baru' })).toBeTruthy();
    delete window.KinobiSupport;
    for (const el of document.querySelectorAll('[data-kinobi-support]')) el.remove();
    document.documentElement.lang = 'en';
    initLoader(script(), window, realPanel().load);
    expect(await inShadow().findByRole('button', { name: 'Help, 1 new reply' })).toBeTruthy();
  });

  it('asks nothing when the device holds no ticket, and shows no badge when there is nothing unread or the API fails', async () => {
    const { calls } = unreadFetch(() => json(200, { unread: 0 }));
    initLoader(script(), window, realPanel().load);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(0);
    for (const answer of [
      () => json(200, { unread: 0 }),
      () => json(403, { error: { code: 'invalid_widget_key' } }),
      () => Promise.reject(new TypeError('Failed to fetch')),
    ]) {
      for (const el of document.querySelectorAll('[data-kinobi-support]')) el.remove();
      delete window.KinobiSupport;
      localStorage.setItem('kinobi:tickets:test-key', JSON.stringify(TICKETS));
      vi.restoreAllMocks();
      const f = unreadFetch(answer);
      initLoader(script(), window, realPanel().load);
      await waitFor(() => expect(f.calls).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 20));
      const button = inShadow().getByRole('button');
      expect(button.getAttribute('aria-label')).toBeNull();
      expect(button.textContent).toBe('Help');
    }
    // a failed count is not one of the page's errors
    const panel = realPanel();
    const api = initLoader(script(), window, panel.load);
    api.open();
    await waitFor(() => expect(panel.hosts).toHaveLength(1));
    expect(panel.hosts[0]?.state.errors).toEqual([]);
  });

  it('follows the count the panel reports after reading the user’s requests, and the language switch', async () => {
    localStorage.setItem('kinobi:tickets:test-key', JSON.stringify(TICKETS));
    unreadFetch(() => json(200, { unread: 3 }));
    const panel = realPanel();
    const api = initLoader(script(), window, panel.load);
    await inShadow().findByRole('button', { name: 'Help, 3 new replies' });
    api.open();
    await waitFor(() => expect(panel.hosts).toHaveLength(1));
    panel.hosts[0]?.setLocale?.('id');
    expect(inShadow().getByRole('button', { name: 'Bantuan, 3 balasan baru' })).toBeTruthy();
    panel.hosts[0]?.setUnread?.(0);
    const button = inShadow().getByRole('button', { name: 'Bantuan' });
    expect(button.getAttribute('aria-label')).toBeNull();
    expect(button.querySelector('.n')?.textContent).toBe('');
  });
});
