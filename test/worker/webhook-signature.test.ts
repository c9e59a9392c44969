import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../worker/tokens';
import {
  parseSignatureHeader,
  signatureHeader,
  verifyWebhookSignature,
} from '../../worker/webhooks/signature';

const NOW = Date.UTC(2026, 10, 30, 3, 0, 0);
const T = Math.floor(NOW / 1000);
const BODY = '{"event":"sla.breached","ticket":{"id":"t_1"}}';

describe('signatureHeader', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 under the current secret', async () => {
    expect(await signatureHeader({ current: 'whsec_new' }, BODY, NOW)).toBe(
      `t=${T},v1=${await hmacSha256Hex('whsec_new', `${T}.${BODY}`)}`,
    );
  });

  it('adds a second v1 under the previous secret during a rotation, current first', async () => {
    const header = await signatureHeader({ current: 'whsec_new', previous: 'whsec_old' }, BODY, NOW);
    expect(header).toBe(
      `t=${T},v1=${await hmacSha256Hex('whsec_new', `${T}.${BODY}`)},v1=${await hmacSha256Hex('whsec_old', `${T}.${BODY}`)}`,
    );
  });

  it('signs once when there is no previous secret or it equals the current one', async () => {
    for (const previous of [null, undefined, '', 'same']) {
      const header = await signatureHeader({ current: 'same', previous }, BODY, NOW);
      expect(header.split('v1=')).toHaveLength(2);
    }
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts a fresh signature under the receiver secret', async () => {
    const header = await signatureHeader({ current: 's1' }, BODY, NOW);
    expect(await verifyWebhookSignature(header, BODY, ['s1'], NOW + 10_000)).toEqual({
      ok: true,
      timestamp: T,
    });
  });

  it('verifies across a rotation: an old receiver with the previous secret, a new one with the current', async () => {
    const header = await signatureHeader({ current: 'new', previous: 'old' }, BODY, NOW);
    expect((await verifyWebhookSignature(header, BODY, ['old'], NOW)).ok).toBe(true);
    expect((await verifyWebhookSignature(header, BODY, ['new'], NOW)).ok).toBe(true);
    const afterRotation = await signatureHeader({ current: 'new' }, BODY, NOW);
    expect((await verifyWebhookSignature(afterRotation, BODY, ['new', 'old'], NOW)).ok).toBe(true);
    expect(await verifyWebhookSignature(afterRotation, BODY, ['old'], NOW)).toEqual({
      ok: false,
      problem: 'mismatch',
    });
  });

  it('refuses a changed body, a changed timestamp and a wrong secret', async () => {
    const header = await signatureHeader({ current: 's1' }, BODY, NOW);
    expect((await verifyWebhookSignature(header, `${BODY} `, ['s1'], NOW)).ok).toBe(false);
    expect((await verifyWebhookSignature(header.replace(`t=${T}`, `t=${T + 1}`), BODY, ['s1'], NOW)).ok).toBe(
      false,
    );
    expect(await verifyWebhookSignature(header, BODY, ['s2'], NOW)).toEqual({
      ok: false,
      problem: 'mismatch',
    });
    expect(await verifyWebhookSignature(header, BODY, [], NOW)).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('refuses a replay older than the tolerance and a timestamp too far ahead', async () => {
    const header = await signatureHeader({ current: 's1' }, BODY, NOW);
    expect((await verifyWebhookSignature(header, BODY, ['s1'], NOW + 300_000)).ok).toBe(true);
    expect(await verifyWebhookSignature(header, BODY, ['s1'], NOW + 301_000)).toEqual({
      ok: false,
      problem: 'too_old',
    });
    expect(await verifyWebhookSignature(header, BODY, ['s1'], NOW - 301_000)).toEqual({
      ok: false,
      problem: 'in_future',
    });
    expect((await verifyWebhookSignature(header, BODY, ['s1'], NOW + 3_600_000, 7200)).ok).toBe(true);
  });

  it('refuses missing and malformed headers', async () => {
    const mac = 'a'.repeat(64);
    for (const header of [
      null,
      undefined,
      '',
      'garbage',
      `v1=${mac}`,
      `t=${T}`,
      `t=abc,v1=${mac}`,
      `t=${T},v1=xyz`,
      `t=${T},t=${T},v1=${mac}`,
      `t=${T},v1=${mac.toUpperCase()}`,
      `t=${T},v1=${mac}=x`,
    ]) {
      expect(await verifyWebhookSignature(header, BODY, ['s1'], NOW), String(header)).toEqual({
        ok: false,
        problem: 'malformed',
      });
    }
  });
});

describe('parseSignatureHeader', () => {
  it('reads t and every v1, ignoring unknown schemes and spaces', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(parseSignatureHeader(`t=5, v1=${a}, v0=zzz, v1=${b}`)).toEqual({ t: 5, v1: [a, b] });
  });
});
