import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_TYPES,
  type AttachmentType,
  contentDisposition,
  decodeFilenameHeader,
  isPlainText,
  MAX_FILENAME_LENGTH,
  sanitiseFilename,
  sniffAttachment,
} from '../../worker/attachments/policy';
import * as f from './attachment-fixtures';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('sniffAttachment: the type comes from the bytes', () => {
  it.each([
    ['a PNG', f.PNG, 'image/png'],
    ['a JPEG', f.JPEG, 'image/jpeg'],
    ['a GIF', f.GIF, 'image/gif'],
    ['a WebP', f.WEBP, 'image/webp'],
    ['a PDF', f.PDF, 'application/pdf'],
    ['a zip', f.ZIP, 'application/zip'],
    ['a gzip', f.GZIP, 'application/gzip'],
    ['a UTF-8 log', f.LOG, 'text/plain; charset=utf-8'],
    [
      'JSON text',
      ascii('{"level":"error","msg":"<b>not markup at the start</b>"}'),
      'text/plain; charset=utf-8',
    ],
    [
      'a syslog line starting with <',
      ascii('<14>Dec  1 10:00:00 host app: failed\n'),
      'text/plain; charset=utf-8',
    ],
  ])('accepts %s as %s', async (_what, bytes, type) => {
    expect(await sniffAttachment(bytes)).toEqual({ ok: true, type });
  });

  it.each([
    ['an HTML page', f.HTML, null],
    ['an SVG image', f.SVG, null],
    ['an SVG with an XML declaration', f.XML_SVG, 'application/xml'],
    ['a Windows executable', f.EXE, 'application/x-msdownload'],
    ['an ELF binary', f.ELF, 'application/x-elf'],
    [
      'a Word document (a zip of another kind)',
      f.DOCX,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['a Java archive', f.JAR, 'application/java-archive'],
    ['random binary', Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 200) % 256), undefined],
    ['text with a NUL byte', ascii('ok\u0000then binary'), null],
    ['UTF-16 text (NUL bytes)', new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00, 0x0a, 0x00]), undefined],
    ['invalid UTF-8', new Uint8Array([0x68, 0x69, 0xc3, 0x28]), null],
  ])('refuses %s', async (_what, bytes, detected) => {
    const out = await sniffAttachment(bytes);
    expect(out.ok).toBe(false);
    // undefined: refused whatever file-type guesses (random bytes may look like an MP3 frame).
    if (detected !== undefined) expect(out).toEqual({ ok: false, detected });
  });

  it('ignores what the name would say: HTML named .png is still refused, a PNG named .html is a PNG', async () => {
    // The sniffer never sees a name; this is the contract the routes rely on.
    expect((await sniffAttachment(f.HTML)).ok).toBe(false);
    expect(await sniffAttachment(f.PNG)).toEqual({ ok: true, type: 'image/png' });
  });
});

describe('isPlainText', () => {
  it.each([
    '<html><body>x</body></html>',
    '  \n<HTML>',
    '\ufeff<!doctype HTML>',
    '<head>',
    '<script>alert(1)</script>',
    '<iframe src=x>',
    '<svg/onload=alert(1)>',
    '<?xml version="1.0"?>',
    '<!-- comment -->',
    '<a href=x>link</a>',
    '<p>para',
    '<b>bold',
    '<body onload=x>',
    'log first, then <script>alert(1)</script> in the first KiB',
    'x <svg onload=alert(1)>',
  ])('refuses markup a browser would render: %j', (text) => {
    expect(isPlainText(ascii(text))).toBe(false);
  });

  it.each([
    'plain words',
    '<14>syslog',
    '<abbr>',
    'a < b and c > d',
    'Terjadi kesalahan: “tanggal” kosong — coba lagi',
    '',
  ])('accepts text: %j', (text) => {
    expect(isPlainText(ascii(text))).toBe(true);
  });

  it('looks for markup in the first KiB only (a long log may quote HTML later)', () => {
    expect(isPlainText(ascii(`${'x'.repeat(2000)}<script>`))).toBe(true);
  });
});

describe('sanitiseFilename', () => {
  const png: AttachmentType = 'image/png';
  const text: AttachmentType = 'text/plain; charset=utf-8';
  it.each([
    ['screenshot.png', png, 'screenshot.png'],
    ['Screenshot.PNG', png, 'Screenshot.png'],
    ['../../etc/passwd', text, 'passwd.txt'],
    ['C:\\Users\\sari\\Desktop\\error.log', text, 'error.log'],
    ['page.html', png, 'page.html.png'],
    ['page.html', text, 'page.html.txt'],
    ['photo.jpg', png, 'photo.jpg.png'],
    ['invoice', 'application/pdf', 'invoice.pdf'],
    ['.htaccess', text, 'htaccess.txt'],
    ['...', png, 'attachment.png'],
    ['', png, 'attachment.png'],
    [null, 'application/zip', 'attachment.zip'],
    ['evil\u202egnp.exe', png, 'evilgnp.exe.png'],
    ['line\r\nbreak\u0000.txt', text, 'linebreak.txt'],
    ['  spaced   name .log ', text, 'spaced name.log'],
    ['laporan ekspor – Desember.pdf', 'application/pdf', 'laporan ekspor – Desember.pdf'],
    ['archive.tar.gz', 'application/gzip', 'archive.tar.gz'],
  ] as const)('%j as %s → %j', (name, type, out) => {
    expect(sanitiseFilename(name, type)).toBe(out);
  });

  it(`caps the name at ${MAX_FILENAME_LENGTH} characters and keeps the extension`, () => {
    const out = sanitiseFilename(`${'a'.repeat(300)}.pdf`, 'application/pdf');
    expect(out).toHaveLength(MAX_FILENAME_LENGTH);
    expect(out.endsWith('a.pdf')).toBe(true);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const out = sanitiseFilename(`${'😀'.repeat(200)}.png`, 'image/png');
    expect(out.endsWith('😀.png')).toBe(true);
    expect(() => encodeURIComponent(out)).not.toThrow();
  });

  it('gives every accepted type an extension of its own', () => {
    for (const [type, exts] of Object.entries(ATTACHMENT_TYPES)) {
      expect(sanitiseFilename('x', type as AttachmentType)).toBe(`x.${exts[0]}`);
    }
  });
});

describe('contentDisposition (RFC 6266)', () => {
  it('sends an ASCII fallback and the exact UTF-8 name as filename*', () => {
    expect(contentDisposition('laporan – “Desember”.pdf')).toBe(
      `attachment; filename="laporan _ _Desember_.pdf"; filename*=UTF-8''laporan%20%E2%80%93%20%E2%80%9CDesember%E2%80%9D.pdf`,
    );
  });
  it('escapes quotes, backslashes and the characters RFC 8187 reserves', () => {
    expect(contentDisposition(`a"b\\c'(d)*%.txt`)).toBe(
      `attachment; filename="a_b_c'(d)*_.txt"; filename*=UTF-8''a%22b%5Cc%27%28d%29%2A%25.txt`,
    );
  });
});

describe('decodeFilenameHeader', () => {
  it('decodes percent-encoded UTF-8 and takes malformed or raw text as it is', () => {
    expect(decodeFilenameHeader('laporan%20%E2%80%93.pdf')).toBe('laporan –.pdf');
    expect(decodeFilenameHeader('100%.txt')).toBe('100%.txt');
    expect(decodeFilenameHeader(undefined)).toBeNull();
  });
});
