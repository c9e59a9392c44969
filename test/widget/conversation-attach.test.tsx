import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationItem } from '../../shared/conversation-schema';
import { createApiClient } from '../../widget/api';
import { Requests, type RequestsProps } from '../../widget/conversation/Requests';
import { json, NOW } from './fixtures';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A fake of the routes the conversation view calls, answering as the worker does: uploads (201 with
 * the attachment, 415 for a refused type), replies naming attachments, the thread listing them, and
 * downloads by id with the ticket's token.
 */
function fakeServer({ refuse = false, gone = false, refuseReplies = false } = {}) {
  const items: ConversationItem[] = [
    {
      kind: 'message',
      id: 'm1',
      from: 'agent',
      name: 'Budi',
      body: 'Kirim tangkapan layar?',
      createdAt: new Date(NOW).toISOString(),
      attachments: [{ id: 'att-guide', name: 'panduan.pdf', size: 2048, type: 'application/pdf' }],
    },
  ];
  const uploads: { headers: Headers; size: number }[] = [];
  const replies: unknown[] = [];
  const downloads: Headers[] = [];
  const ticket = {
    id: 'tkt_1',
    number: 7,
    subject: 'Ekspor gagal',
    status: 'open',
    severity: 3,
    firstResponseDueAt: new Date(NOW).toISOString(),
    firstResponseAt: null,
  };
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const h = new Headers(init?.headers);
    if (url.pathname === '/v1/conversations')
      return json(200, {
        conversations: [{ ...ticket, lastActivityAt: ticket.firstResponseDueAt, unread: 0 }],
      });
    if (h.get('X-Ticket-Token') !== 'tok') return json(404, { error: { code: 'not_found', message: 'no' } });
    if (url.pathname === '/v1/tickets/tkt_1/conversation')
      return json(200, { ticket, items, cursor: String(items.length) });
    if (url.pathname === '/v1/tickets/tkt_1/attachments') {
      const body = init?.body as Blob;
      uploads.push({ headers: h, size: body.size });
      if (refuse) return json(415, { error: { code: 'unsupported_attachment_type', message: 'no' } });
      return json(201, {
        id: 'att-1',
        name: decodeURIComponent(h.get('X-Filename') ?? ''),
        size: body.size,
        type: 'image/png',
      });
    }
    if (url.pathname === '/v1/tickets/tkt_1/messages') {
      const body = JSON.parse(String(init?.body));
      replies.push(body);
      // As the worker answers a reply naming an upload past its window (or swept): 400, nothing written.
      if (gone && body.attachments)
        return json(400, { error: { code: 'invalid_attachment', message: 'uploaded too long ago' } });
      if (refuseReplies) return json(400, { error: { code: 'validation_failed', message: 'no' } });
      items.push({
        kind: 'message',
        id: `r${items.length}`,
        from: 'customer',
        name: 'Sari',
        body: body.body,
        createdAt: new Date(NOW).toISOString(),
        attachments: body.attachments?.map((id: string) => ({
          id,
          name: 'layar.png',
          size: PNG.byteLength,
          type: 'image/png',
        })),
      });
      return json(201, { id: 'msg' });
    }
    if (url.pathname.startsWith('/v1/attachments/')) {
      downloads.push(h);
      return new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'application/pdf' } });
    }
    return json(404, { error: { code: 'not_found', message: 'no' } });
  }) as typeof fetch;
  return { fetchImpl, uploads, replies, downloads };
}

function open(server: ReturnType<typeof fakeServer>) {
  localStorage.setItem('kinobi:tickets:test-key', JSON.stringify({ tkt_1: 'tok' }));
  let n = 0;
  const target = new EventTarget();
  const props: RequestsProps = {
    api: createApiClient('https://support.example', 'test-key', server.fetchImpl, () => NOW),
    widgetKey: 'test-key',
    storage: localStorage,
    win: {
      navigator: { onLine: true },
      addEventListener: target.addEventListener.bind(target),
      removeEventListener: target.removeEventListener.bind(target),
      setTimeout: (() => 0) as unknown as Window['setTimeout'],
      clearTimeout: (() => undefined) as Window['clearTimeout'],
    },
    now: () => NOW,
    newId: () => `id-${++n}`,
    locale: 'en',
    onBack: () => {},
    options: { api: 'https://support.example' },
    fetchImpl: server.fetchImpl,
  };
  render(<Requests {...props} />);
}

async function openThread() {
  fireEvent.click(await screen.findByRole('button', { name: '#7 Ekspor gagal' }));
  await screen.findByText('Kirim tangkapan layar?');
}

const choose = (file: File) => {
  const input = screen.getByLabelText('Attach a file (optional)') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
};

describe('attachments in the conversation view', () => {
  it('uploads the chosen file first, then sends the reply naming it, and lists it in the thread', async () => {
    const server = fakeServer();
    open(server);
    await openThread();
    const input = screen.getByLabelText('Attach a file (optional)') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toContain('image/png');
    choose(new File([PNG], 'layar.png', { type: 'image/png' }));
    fireEvent.input(screen.getByLabelText('Your reply'), { target: { value: 'Ini tangkapan layarnya' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() =>
      expect(server.replies).toEqual([{ body: 'Ini tangkapan layarnya', attachments: ['att-1'] }]),
    );
    const [up] = server.uploads;
    expect(up?.size).toBe(PNG.byteLength);
    expect(up?.headers.get('X-Filename')).toBe('layar.png');
    expect(up?.headers.get('X-Ticket-Token')).toBe('tok');
    expect(up?.headers.get('X-Kinobi-Key')).toBe('test-key');
    expect(up?.headers.get('Idempotency-Key')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('list', { name: 'Attachments' })).toHaveLength(2));
    const files = screen.getAllByRole('list', { name: 'Attachments' });
    expect(files.map((l) => l.textContent)).toEqual([
      expect.stringContaining('panduan.pdf'),
      expect.stringContaining('layar.png'),
    ]);
  });

  it('explains a refused file and sends no reply, keeping the text', async () => {
    const server = fakeServer({ refuse: true });
    open(server);
    await openThread();
    choose(new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }));
    fireEvent.input(screen.getByLabelText('Your reply'), { target: { value: 'Logo kami' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This type of file is not accepted');
    expect(server.replies).toEqual([]);
    expect((screen.getByLabelText('Your reply') as HTMLTextAreaElement).value).toBe('Logo kami');
  });

  it('sends the words without the file when the server no longer has the upload, and says so', async () => {
    const server = fakeServer({ gone: true });
    open(server);
    await openThread();
    choose(new File([PNG], 'layar.png', { type: 'image/png' }));
    fireEvent.input(screen.getByLabelText('Your reply'), { target: { value: 'Masih error' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() =>
      expect(server.replies).toEqual([
        { body: 'Masih error', attachments: ['att-1'] },
        { body: 'Masih error' },
      ]),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('sent without it');
    await screen.findByText('Masih error');
  });

  it('puts the text of a reply refused for good back into the composer', async () => {
    const server = fakeServer({ refuseReplies: true });
    open(server);
    await openThread();
    fireEvent.input(screen.getByLabelText('Your reply'), { target: { value: 'Tolong dicek' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect((await screen.findByRole('alert')).textContent).toContain('could not be sent (validation_failed)');
    await waitFor(() =>
      expect((screen.getByLabelText('Your reply') as HTMLTextAreaElement).value).toBe('Tolong dicek'),
    );
  });

  it('refuses a file over 10 MB without uploading it', async () => {
    const server = fakeServer();
    open(server);
    await openThread();
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.log', { type: 'text/plain' });
    choose(big);
    fireEvent.input(screen.getByLabelText('Your reply'), { target: { value: 'besar' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect((await screen.findByRole('alert')).textContent).toContain('larger than 10 MB');
    expect(server.uploads).toEqual([]);
  });

  it('downloads a file with the ticket’s token and saves it under its name', async () => {
    const server = fakeServer();
    open(server);
    await openThread();
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:saved');
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('panduan.pdf');
      expect(this.href).toBe('blob:saved');
    });
    fireEvent.click(screen.getByRole('link', { name: 'panduan.pdf' }));
    await waitFor(() => expect(clicked).toHaveBeenCalledOnce());
    expect(created).toHaveBeenCalledOnce();
    expect(server.downloads[0]?.get('X-Ticket-Token')).toBe('tok');
    expect(server.downloads[0]?.get('X-Kinobi-Key')).toBe('test-key');
  });
});
