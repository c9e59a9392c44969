import { describe, expect, it } from 'vitest';
import { backoffSeconds, delaySecondsOf, MAX_DELAY_SECONDS } from '../../worker/queues/backoff';
import { DeliveryMessageSchema, mailKey } from '../../worker/queues/messages';

describe('backoffSeconds', () => {
  it('doubles from one minute and stops at fifteen', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((a) => backoffSeconds(a, 0))).toEqual([
      60, 120, 240, 480, 900, 900, 900,
    ]);
  });

  it('stretches a wait by up to a quarter, never shortens it, and treats odd attempt counts as the first', () => {
    expect(backoffSeconds(1, 0.999)).toBe(75);
    expect(backoffSeconds(3, 0.5)).toBe(270);
    expect(backoffSeconds(2, -1)).toBe(120);
    expect(backoffSeconds(2, 7)).toBe(150);
    expect([0, -3, 1.5, Number.NaN].map((a) => backoffSeconds(a, 0))).toEqual([60, 60, 60, 60]);
  });
});

describe('delaySecondsOf', () => {
  it('rounds a wait up to whole seconds within what Queues accept', () => {
    expect([0, 1, 999, 1000, 1001, -5].map(delaySecondsOf)).toEqual([0, 1, 1, 1, 2, 0]);
    expect(delaySecondsOf(48 * 3_600_000)).toBe(MAX_DELAY_SECONDS);
  });
});

describe('DeliveryMessageSchema', () => {
  const base = { v: 1, deskId: 'desk_a', db: 'DB' };
  it('reads each kind with its desk and database', () => {
    for (const m of [
      { ...base, kind: 'webhook', deliveryId: 'wd_1' },
      { ...base, kind: 'confirmation', key: mailKey.confirmation('t1'), ticketId: 't1' },
      {
        ...base,
        kind: 'agent_reply',
        key: mailKey.agentReply('m1'),
        ticketId: 't1',
        messageIds: ['m1', 'm2'],
      },
      {
        ...base,
        kind: 'success_contact',
        key: mailKey.successContact('t1', 'b1'),
        ticketId: 't1',
        breachId: 'b1',
      },
      {
        ...base,
        kind: 'security_alert',
        key: mailKey.securityAlert('t1', 'a1'),
        ticketId: 't1',
        agentId: 'a1',
      },
    ])
      expect(DeliveryMessageSchema.parse(m)).toEqual(m);
  });

  it('refuses a message without its desk or database, of another version, or of an unknown kind', () => {
    const ok = { ...base, kind: 'webhook', deliveryId: 'wd_1' };
    for (const bad of [
      { ...ok, deskId: undefined },
      { ...ok, db: '' },
      { ...ok, v: 2 },
      { ...ok, kind: 'fax' },
      { ...base, kind: 'agent_reply', key: 'k', ticketId: 't', messageIds: [] },
    ])
      expect(DeliveryMessageSchema.safeParse(bad).success).toBe(false);
  });

  it('names one key per ticket, reply batch, notice and alert recipient', () => {
    expect(mailKey.confirmation('t1')).toBe('confirmation:t1');
    expect(mailKey.successContact('t1')).toBe('success_contact:t1:severity_1');
    expect(mailKey.successContact('t1', 'b9')).toBe('success_contact:breach:b9');
    expect(mailKey.securityAlert('t1', 'a1')).not.toBe(mailKey.securityAlert('t1', 'a2'));
  });
});
