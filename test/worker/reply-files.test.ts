import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { filesToAttach, MAIL_ATTACHMENT_CAP_BYTES, replyFiles } from '../../worker/email/reply-files';

const file = (
  id: string,
  size: number,
  over: { objectKey?: string | null; sniffedType?: string | null } = {},
) => ({
  id,
  filename: `${id}.pdf`,
  size,
  objectKey: over.objectKey === undefined ? `attachments/t/${id}` : over.objectKey,
  sniffedType: over.sniffedType === undefined ? 'application/pdf' : over.sniffedType,
});

describe('filesToAttach', () => {
  it('attaches files in order while their total fits under the cap, and lists the rest', () => {
    const files = [file('a', 3), file('b', 5), file('c', 2), file('d', 1)];
    expect([...filesToAttach(files, 6)]).toEqual(['a', 'c', 'd']);
  });

  it('attaches a file exactly at the cap, none over it', () => {
    expect([...filesToAttach([file('a', 10)], 10)]).toEqual(['a']);
    expect([...filesToAttach([file('a', 11)], 10)]).toEqual([]);
  });

  it('never attaches bytes that are not in R2 or whose type was not decided', () => {
    const files = [file('blob', 1, { objectKey: null }), file('untyped', 1, { sniffedType: null })];
    expect([...filesToAttach(files, 100)]).toEqual([]);
  });

  it('caps a mail at 5 MB of files by default', () => {
    expect(MAIL_ATTACHMENT_CAP_BYTES).toBe(5 * 1024 * 1024);
    const big = file('big', MAIL_ATTACHMENT_CAP_BYTES + 1);
    expect([...filesToAttach([big, file('small', 1)])]).toEqual(['small']);
  });
});

describe('replyFiles', () => {
  it('reads the chosen files from R2, lists every file, and only lists one whose object is gone', async () => {
    const key = `attachments/reply-files/${crypto.randomUUID()}`;
    const bytes = new TextEncoder().encode('%PDF-1.4 tiny');
    await env.ATTACHMENTS.put(key, bytes);
    const files = [
      { ...file('here', bytes.length, { objectKey: key }), filename: 'Laporan "Mei" – final.pdf' },
      file('gone', 4, { objectKey: `${key}-missing` }),
      file('large', 50, { objectKey: key }),
    ];
    const out = await replyFiles(env.ATTACHMENTS, files, 40);
    expect(out.listed).toEqual([
      { id: 'here', filename: 'Laporan "Mei" – final.pdf', size: bytes.length, attached: true },
      { id: 'gone', filename: 'gone.pdf', size: 4, attached: false },
      { id: 'large', filename: 'large.pdf', size: 50, attached: false },
    ]);
    // The header's name is kept to printable ASCII without quotes; the text lists the real name.
    expect(out.attached).toEqual([
      { filename: 'Laporan _Mei_ _ final.pdf', contentType: 'application/pdf', data: bytes },
    ]);
  });
});
