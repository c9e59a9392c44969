import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import {
  aligned,
  type HeaderField,
  parseAuthenticationResults,
  senderAuthentication,
} from '../../worker/email/auth-results';

/** Headers as the email channel gets them: postal-mime over the raw message (CRLF, folded lines kept). */
async function headersOf(lines: string[]): Promise<{ headers: HeaderField[]; from?: string }> {
  const raw = `${lines.join('\r\n')}\r\n\r\nBody.\r\n`;
  const email = await PostalMime.parse(raw);
  return { headers: email.headers, from: email.from?.address };
}

async function judge(lines: string[], options?: { trustedAuthservId?: string }) {
  const { headers, from } = await headersOf(lines);
  return senderAuthentication(headers, from, options);
}

const CLOUDFLARE_RECEIVED = [
  'Received: from mail-yw1-x112d.google.com (2607:f8b0:4864:20::112d)',
  '        by cloudflare-email.net (cloudflare) id GY1KdjWjOU9O',
  '        for <support+demo@support.kinobi.example>; Mon, 30 Nov 2026 02:10:11 +0000',
  'ARC-Seal: i=2; a=rsa-sha256; s=cf2024-1; d=cloudflare-email.net; cv=pass;',
  '\tb=Wi8X+MkR1MkjvW9MGReK5nh1R8e6/uVio3XL4ksg3hajODOUN46CCEpehDS5Sc1DLupbclu4n',
  'ARC-Authentication-Results: i=2; mx.cloudflare.net;',
  '\tdkim=pass header.d=gmail.com header.s=20251104 header.b=L6CZ3OJ0;',
  '\tdmarc=pass header.from=gmail.com policy.dmarc=none',
];

/** A Gmail user's message as Cloudflare Email Routing hands it to the Worker. */
const GMAIL = [
  ...CLOUDFLARE_RECEIVED,
  'Received-SPF: pass (mx.cloudflare.net: domain of budi.santoso@gmail.com designates 2607:f8b0:4864:20::112d as permitted sender)',
  '\treceiver=mx.cloudflare.net; client-ip=2607:f8b0:4864:20::112d; envelope-from="budi.santoso@gmail.com";',
  'Authentication-Results: mx.cloudflare.net;',
  '\tdkim=pass header.d=gmail.com header.s=20251104 header.b=L6CZ3+/J;',
  '\tdmarc=pass header.from=gmail.com policy.dmarc=none;',
  '\tspf=none (mx.cloudflare.net: no SPF records found for postmaster@mail-yw1-x112d.google.com) smtp.helo=mail-yw1-x112d.google.com;',
  '\tspf=pass (mx.cloudflare.net: domain of budi.santoso@gmail.com designates 2607:f8b0:4864:20::112d as permitted sender) smtp.mailfrom=budi.santoso@gmail.com;',
  '\tarc=pass smtp.remote-ip="2607:f8b0:4864:20::112d"',
  'Received: by mail-yw1-x112d.google.com with SMTP id 00721157ae682-7e05so37794367b3.0',
  '        for <support+demo@support.kinobi.example>; Sun, 29 Nov 2026 19:10:10 -0700 (PDT)',
  'ARC-Authentication-Results: i=1; mx.google.com; arc=none',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20251104; b=L6CZ3+/J09jjyZ14s2N7U0',
  'MIME-Version: 1.0',
  'From: Budi Santoso <budi.santoso@gmail.com>',
  'Date: Mon, 30 Nov 2026 09:10:00 +0700',
  'Message-ID: <CAD+nXsvZFoWO@mail.gmail.com>',
  'Subject: Tidak bisa login',
  'To: support+demo@support.kinobi.example',
  'Content-Type: text/plain; charset="UTF-8"',
];

/** A customer on Microsoft 365: its own tenant's header (no authserv-id, as Microsoft writes them) lies below Cloudflare's. */
const OUTLOOK = [
  'Received: from NAM12-DM6-obe.outbound.protection.outlook.com (40.107.243.70)',
  '        by cloudflare-email.net (cloudflare) id 4kT2pQ; Mon, 30 Nov 2026 02:12:00 +0000',
  'Authentication-Results: mx.cloudflare.net;',
  '\tdkim=pass header.d=pelanggan.co.id header.s=selector1 header.b=YSz+76Ay;',
  '\tdmarc=pass header.from=pelanggan.co.id policy.dmarc=quarantine;',
  '\tspf=pass (mx.cloudflare.net: domain of it@pelanggan.co.id designates 40.107.243.70 as permitted sender) smtp.mailfrom=it@pelanggan.co.id;',
  '\tarc=none smtp.remote-ip=40.107.243.70',
  'ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none; b=abc',
  'Authentication-Results: dkim=none (message not signed)',
  ' header.d=none;dmarc=none action=none header.from=pelanggan.co.id;',
  'From: "IT Pelanggan" <it@pelanggan.co.id>',
  'To: support+demo@support.kinobi.example',
  'Subject: Layanan tidak tersedia',
  'Message-ID: <SA1PR12MB@SA1PR12MB.namprd12.prod.outlook.com>',
  'Content-Type: text/plain; charset="windows-1252"',
];

describe('senderAuthentication', () => {
  it('verifies a Gmail message by the dmarc=pass Cloudflare added', async () => {
    expect(await judge(GMAIL)).toMatchObject({
      verified: true,
      evidence: 'dmarc=pass header.from=gmail.com',
    });
  });

  it('verifies an Outlook message and ignores the sender organisation’s own header below', async () => {
    const result = await judge(OUTLOOK);
    expect(result).toMatchObject({ verified: true, evidence: 'dmarc=pass header.from=pelanggan.co.id' });
    expect(result.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'dkim=pass',
      'dmarc=pass',
      'spf=pass',
      'arc=none',
    ]);
  });

  it('ignores a forged dmarc=pass the sender wrote below under another id, and keeps the dmarc=fail', async () => {
    const result = await judge([
      'Received: from mail.attacker.example (203.0.113.66) by cloudflare-email.net (cloudflare) id x1',
      'Authentication-Results: mx.cloudflare.net; dkim=none; dmarc=fail header.from=pelanggan.co.id policy.dmarc=reject;',
      '\tspf=pass smtp.mailfrom=bounce@attacker.example',
      'Received: from localhost by mail.attacker.example',
      'Authentication-Results: mx.google.com; dkim=pass header.d=pelanggan.co.id; dmarc=pass header.from=pelanggan.co.id',
      'From: IT Pelanggan <it@pelanggan.co.id>',
      'Subject: Reset semua password',
    ]);
    expect(result).toMatchObject({ verified: false, reason: 'dmarc_failed' });
  });

  it('refuses to decide when the sender forged a second header with the trusted id (ambiguous)', async () => {
    const result = await judge([
      'Authentication-Results: mx.cloudflare.net; dkim=none; dmarc=none header.from=pelanggan.co.id; spf=softfail smtp.mailfrom=x@attacker.example',
      'Received: from localhost by mail.attacker.example',
      'Authentication-Results: mx.cloudflare.net; dkim=pass header.d=pelanggan.co.id; dmarc=pass header.from=pelanggan.co.id',
      'From: it@pelanggan.co.id',
    ]);
    expect(result).toMatchObject({ verified: false, reason: 'ambiguous' });
  });

  it('never trusts a topmost header of another server, even one saying dmarc=pass', async () => {
    const result = await judge([
      'Authentication-Results: mx.google.com; dkim=pass header.d=gmail.com; dmarc=pass header.from=gmail.com',
      'From: budi.santoso@gmail.com',
    ]);
    expect(result).toMatchObject({ verified: false, reason: 'no_trusted_header' });
  });

  it('trusts nothing when Cloudflare added no header (local wrangler dev, or a forwarded message without one)', async () => {
    expect(await judge(['From: budi.santoso@gmail.com', 'Subject: Halo'])).toMatchObject({
      verified: false,
      reason: 'no_trusted_header',
      results: [],
    });
  });

  it('a sender-written header with the trusted id is the topmost only when Cloudflare wrote none: it is then believed (documented limit)', async () => {
    // Cloudflare must strip same-id forgeries (RFC 8601 section 5); this test records what the
    // parser alone can and cannot see.
    const result = await judge([
      'Authentication-Results: mx.cloudflare.net; dmarc=pass header.from=x.example',
      'From: a@x.example',
    ]);
    expect(result.verified).toBe(true);
  });

  it('verifies by aligned DKIM when the domain publishes no DMARC record', async () => {
    const result = await judge([
      'Authentication-Results: mx.cloudflare.net; dkim=pass header.d=mail.tokokecil.co.id header.s=s1; dmarc=none header.from=tokokecil.co.id; spf=none smtp.mailfrom=tokokecil.co.id',
      'From: Toko Kecil <admin@tokokecil.co.id>',
    ]);
    expect(result).toMatchObject({ verified: true, evidence: 'dkim=pass header.d=mail.tokokecil.co.id' });
  });

  it('verifies by aligned SPF (relaxed: a subdomain of the From domain) when nothing else passed', async () => {
    const result = await judge([
      'Authentication-Results: mx.cloudflare.net; dkim=none (no signatures found); dmarc=none; spf=pass smtp.mailfrom="billing@sub.pelanggan.co.id"',
      'From: billing@pelanggan.co.id',
    ]);
    expect(result).toMatchObject({ verified: true, evidence: 'spf=pass smtp.mailfrom=sub.pelanggan.co.id' });
  });

  it('does not count passes for other domains: a newsletter service’s DKIM and bounce SPF', async () => {
    const result = await judge([
      'Authentication-Results: mx.cloudflare.net;',
      '  dkim=pass header.d=mcsv.net header.s=k2 header.b=abc;',
      '  dkim=pass header.d=mailchimpapp.net;',
      '  dmarc=none header.from=pelanggan.co.id;',
      '  spf=pass smtp.mailfrom=bounce-mc.us5_123.456-it=pelanggan.co.id@mail88.suw11.mcsv.net',
      'From: it@pelanggan.co.id',
    ]);
    expect(result).toMatchObject({ verified: false, reason: 'no_aligned_pass' });
  });

  it('does not count SPF that passed only for the HELO name, nor a softfail, nor a neutral DKIM', async () => {
    const result = await judge([
      'Authentication-Results: mx.cloudflare.net; spf=pass smtp.helo=pelanggan.co.id; spf=softfail smtp.mailfrom=it@pelanggan.co.id; dkim=neutral (body hash did not verify) header.d=pelanggan.co.id',
      'From: it@pelanggan.co.id',
    ]);
    expect(result).toMatchObject({ verified: false, reason: 'no_aligned_pass' });
  });

  it('does not take a dmarc=pass for another From domain', async () => {
    const result = await judge([
      'Authentication-Results: mx.cloudflare.net; dmarc=pass header.from=attacker.example; dkim=pass header.d=attacker.example',
      'From: it@pelanggan.co.id',
    ]);
    expect(result).toMatchObject({ verified: false, reason: 'no_aligned_pass' });
  });

  it('is case-insensitive in the authserv-id, methods, results and domains', async () => {
    const result = await judge([
      'Authentication-Results: MX.CloudFlare.NET; DMARC=PASS Header.From=Pelanggan.CO.ID',
      'From: IT <IT@PELANGGAN.co.id>',
    ]);
    expect(result).toMatchObject({ verified: true, evidence: 'dmarc=pass header.from=pelanggan.co.id' });
  });

  it('takes the trusted authserv-id as a parameter', async () => {
    const lines = [
      'Authentication-Results: mx.kinobi.example; dmarc=pass header.from=gmail.com',
      'From: a@gmail.com',
    ];
    expect((await judge(lines)).verified).toBe(false);
    expect((await judge(lines, { trustedAuthservId: 'mx.kinobi.example' })).verified).toBe(true);
  });

  it('reports a broken trusted header as unparsable and a message without From as such', async () => {
    expect(
      await judge(['Authentication-Results: mx.cloudflare.net; dmarc=pass (unclosed', 'From: a@gmail.com']),
    ).toMatchObject({
      verified: false,
      reason: 'unparsable',
    });
    expect(
      await judge(['Authentication-Results: mx.cloudflare.net; dmarc=pass header.from=gmail.com']),
    ).toMatchObject({
      verified: false,
      reason: 'no_from_domain',
    });
  });
});

describe('parseAuthenticationResults', () => {
  it('reads the authserv-id, every method, reason and ptype.property, comments dropped', () => {
    expect(
      parseAuthenticationResults(
        'example.org 1; dkim/1 = pass (good (nested; comment)) reason="sig ok; really" header.d=example.org header.b=ab+/cd; spf=fail smtp.mailfrom="odd;addr"@example.org',
      ),
    ).toEqual({
      authservId: 'example.org',
      results: [
        {
          method: 'dkim',
          result: 'pass',
          reason: 'sig ok; really',
          properties: { 'header.d': 'example.org', 'header.b': 'ab+/cd' },
        },
        { method: 'spf', result: 'fail', properties: { 'smtp.mailfrom': 'odd;addr@example.org' } },
      ],
    });
  });

  it('reads `authserv-id; none` as no results and allows a trailing semicolon', () => {
    expect(parseAuthenticationResults('mx.cloudflare.net; none')).toEqual({
      authservId: 'mx.cloudflare.net',
      results: [],
    });
    expect(
      parseAuthenticationResults('mx.cloudflare.net; dmarc=pass header.from=a.example;')?.results,
    ).toHaveLength(1);
  });

  it('reads a quoted authserv-id and unfolds CRLF', () => {
    expect(parseAuthenticationResults('"mx.example.com"; spf=pass\r\n\tsmtp.mailfrom=a@b.example')).toEqual({
      authservId: 'mx.example.com',
      results: [{ method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'a@b.example' } }],
    });
  });

  it('gives Microsoft’s id-less headers an empty authserv-id and ignores its non-standard words', () => {
    const parsed = parseAuthenticationResults(
      'spf=pass (sender IP is 167.89.0.165) smtp.mailfrom=e.example.com; dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100',
    );
    expect(parsed?.authservId).toBe('');
    expect(parsed?.results.map((r) => r.method)).toEqual(['spf', 'dkim', 'dmarc', 'compauth']);
    expect(parsed?.results[2]?.properties).toEqual({ 'header.from': 'example.com' });
  });

  it('refuses what it cannot read reliably', () => {
    for (const bad of [
      '',
      'mx.example.com; dkim',
      'mx.example.com; =pass',
      'mx.example.com; dkim=',
      'mx.example.com; spf=pass (open',
      'mx.example.com; spf=pass smtp.mailfrom="open',
      'a b c; spf=pass',
      'mx.example.com x1; spf=pass',
    ]) {
      expect(parseAuthenticationResults(bad), bad).toBeNull();
    }
  });
});

describe('aligned', () => {
  it('is relaxed alignment: equal, or one a subdomain of the other, on label boundaries', () => {
    expect(aligned('pelanggan.co.id', 'pelanggan.co.id')).toBe(true);
    expect(aligned('pelanggan.co.id', 'mail.pelanggan.co.id')).toBe(true);
    expect(aligned('eu.pelanggan.co.id', 'pelanggan.co.id')).toBe(true);
    expect(aligned('pelanggan.co.id', 'evilpelanggan.co.id')).toBe(false);
    expect(aligned('pelanggan.co.id', 'pelanggan.co.id.attacker.example')).toBe(false);
  });
});
