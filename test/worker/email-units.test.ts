import { describe, expect, it } from 'vitest';
import { loopReason } from '../../worker/email/loops';
import { ticketIdFromMessageId } from '../../worker/email/outbound';
import { htmlToText, messageIds, normaliseText, stripQuotedReply } from '../../worker/email/parse';
import { parseRecipient, replyAddress } from '../../worker/email/route';
import {
  agentReplyText,
  attachedFilesLines,
  formatDateTime,
  senderName,
  supportHours,
  targetPhrase,
} from '../../worker/email/strings';

const D = 'support.kinobi.example';

describe('parseRecipient', () => {
  it('reads the tenant slug, and the reply token after the first dot with its case kept', () => {
    expect(parseRecipient(`support+Demo@${D}`, D)).toEqual({ kind: 'slug', slug: 'demo' });
    expect(parseRecipient(`<support+demo.AbC123@${D.toUpperCase()}>`, D)).toEqual({
      kind: 'slug',
      slug: 'demo',
      replyToken: 'AbC123',
    });
  });

  it('round-trips the reply address it builds', () => {
    expect(parseRecipient(replyAddress('acme', 'f00d', D), D)).toEqual({
      kind: 'slug',
      slug: 'acme',
      replyToken: 'f00d',
    });
  });

  it('treats other addresses as possible tenant addresses and rejects the bare support mailbox', () => {
    expect(parseRecipient('Help+tok@Acme.example', D)).toEqual({
      kind: 'address',
      address: 'help@acme.example',
      replyToken: 'tok',
    });
    expect(parseRecipient(`support@${D}`, D)).toBeNull();
    expect(parseRecipient('not an address', D)).toBeNull();
  });

  it('reads a space as the + a URL query decoded', () => {
    expect(parseRecipient(`support demo@${D}`, D)).toEqual({ kind: 'slug', slug: 'demo' });
  });
});

describe('loopReason', () => {
  const person = { headers: {}, from: 'budi@example.com', envelopeFrom: 'budi@example.com' };
  it('lets a person through', () => {
    expect(loopReason(person, D)).toBeNull();
    expect(loopReason({ ...person, headers: { 'auto-submitted': 'no' } }, D)).toBeNull();
  });
  it.each([
    [{ 'auto-submitted': 'auto-generated' }],
    [{ precedence: 'junk' }],
    [{ precedence: 'list' }],
    [{ 'x-autorespond': 'yes' }],
    [{ 'content-type': 'multipart/report; report-type=delivery-status' }],
    [{ 'x-kinobi-ticket': 'abc' }],
  ])('stops %o', (headers) => {
    expect(loopReason({ ...person, headers }, D)).not.toBeNull();
  });
  it('stops bounces and our own mail', () => {
    expect(loopReason({ ...person, envelopeFrom: '' }, D)).toMatch(/bounce/);
    expect(loopReason({ ...person, envelopeFrom: 'MAILER-DAEMON@mx.example' }, D)).toBe('mailer daemon');
    expect(loopReason({ ...person, from: `support+demo@${D}` }, D)).toBe('our own address');
    expect(loopReason({ ...person, messageId: `kinobi.t.ack.1@${D}` }, D)).toBe('our own Message-ID');
  });
});

describe('parse helpers', () => {
  it('extracts Message-IDs without brackets', () => {
    expect(messageIds(' <a@b> \r\n <c@d>')).toEqual(['a@b', 'c@d']);
    expect(messageIds('bare@id')).toEqual(['bare@id']);
    expect(messageIds(undefined)).toEqual([]);
  });
  it('names the ticket inside our own Message-IDs only', () => {
    expect(ticketIdFromMessageId(`kinobi.t-1.reply.0a@${D}`, D)).toBe('t-1');
    expect(ticketIdFromMessageId('kinobi.t-1.reply.0a@evil.example', D)).toBeUndefined();
  });
  it('turns HTML into readable text', () => {
    const text = normaliseText(
      htmlToText(
        '<p>Halo&nbsp;tim,</p><p>Lihat <a href="https://x.example/a">log</a>.<br>Baris 2</p><img src="x">',
      ),
    );
    expect(text).toBe('Halo tim,\n\nLihat log [https://x.example/a].\nBaris 2');
  });
  it('keeps only the new part of a reply', () => {
    expect(
      stripQuotedReply('Oke, terima kasih.\n\nOn Mon, 2 Nov 2026 at 10:00, Support <s@x> wrote:\n> old'),
    ).toBe('Oke, terima kasih.');
    expect(stripQuotedReply('Answer\n\nFrom: Support <s@x>\nSent: Monday\nSubject: x')).toBe('Answer');
    expect(stripQuotedReply('> q1\nanswer between quotes\n> q2')).toBe('answer between quotes');
  });
});

describe('strings', () => {
  it('says targets in the guide’s words', () => {
    expect([120, 240, 540, 1080].map((m) => targetPhrase(m, 540, 'id'))).toEqual([
      '2 jam kerja',
      '4 jam kerja',
      '1 hari kerja',
      '2 hari kerja',
    ]);
    expect(targetPhrase(540, 540, 'en')).toBe('1 business day');
    expect(targetPhrase(90, 540, 'en')).toBe('90 business minutes');
  });
  it('formats a due time in WIB', () => {
    // 2026-11-02T03:00Z is Monday 10:00 in Jakarta (UTC+7).
    expect(formatDateTime(Date.UTC(2026, 10, 2, 3, 0), 'Asia/Jakarta', 'id')).toBe(
      'Senin, 2 November 2026 pukul 10.00 WIB',
    );
    expect(formatDateTime(Date.UTC(2026, 10, 2, 3, 0), 'Asia/Jakarta', 'en')).toBe(
      'Monday, 2 November 2026 at 10:00 WIB',
    );
  });
  it('describes support hours from the calendar', () => {
    const cal = {
      timeZone: 'Asia/Makassar',
      windows: [{ days: [1, 3, 5] as (1 | 3 | 5)[], start: '08:00', end: '12:00' }],
      holidays: 'none' as const,
    };
    expect(supportHours(cal, 'id')).toBe('Senin, Rabu, Jumat, pukul 08.00 – 12.00 WITA');
  });
});

describe('desk-signed mail strings', () => {
  it('names the desk as the sender in both languages', () => {
    expect(senderName('Kinobi AI', 'id')).toBe('Dukungan Kinobi AI');
    expect(senderName('Kinobi AI', 'en')).toBe('Kinobi AI Support');
  });

  it('says which listed files the mail carries', () => {
    expect(
      attachedFilesLines(
        [
          { filename: 'a.pdf', size: 2048, attached: true },
          { filename: 'b.zip', size: 9 * 1024 * 1024, attached: false },
        ],
        'id',
      ),
    ).toEqual([
      'Lampiran (unduh di halaman percakapan, tautan "Lihat dan balas"):',
      '- a.pdf (2 KB, terlampir)',
      '- b.zip (9 MB)',
    ]);
  });

  it('does not point to the conversation page when the mail carries no link (a closed ticket)', () => {
    expect(attachedFilesLines([{ filename: 'a.pdf', size: 1, attached: false }], 'en', false)).toEqual([
      'Attachments:',
      '- a.pdf (1 B)',
    ]);
    expect(attachedFilesLines([{ filename: 'a.pdf', size: 1 }], 'id', false)[0]).toBe('Lampiran:');
  });

  it('lists no files when there are none, and names unnamed ones', () => {
    expect(attachedFilesLines([], 'id')).toEqual([]);
    expect(attachedFilesLines([{ filename: null, size: 10 }], 'en')).toEqual([
      'Attachments (download them from the conversation page, "View and reply" link):',
      '- (unnamed) (10 B)',
    ]);
  });

  it('puts a reply’s files before the desk’s signature', () => {
    const text = agentReplyText(
      {
        body: 'Fixed. ',
        agentName: 'Ayu',
        deskName: 'Kinobi AI',
        number: 7,
        files: [{ filename: 'a.pdf', size: 2048 }],
      },
      'en',
    );
    expect(text).toBe(
      [
        'Fixed.',
        '',
        'Attachments (download them from the conversation page, "View and reply" link):',
        '- a.pdf (2 KB)',
        '',
        '--',
        'Ayu',
        'Kinobi AI Support',
        '',
        'Ticket #7 · Reply to this email to respond.',
      ].join('\n'),
    );
  });
});
