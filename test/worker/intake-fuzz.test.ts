import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TicketCreateSchema } from '../../shared/schema';
import { makeDesk } from './fixtures';
import { countRows, errorCode, postTicket, ticketBody } from './intake-helpers';

const RUNS = 40;

/** A valid body with one field replaced by an arbitrary JSON value or removed. */
const mutatedBody = fc
  .tuple(
    fc.constantFrom(...Object.keys(ticketBody()), 'severity', 'flags', '__proto__', 'constructor'),
    fc.option(fc.jsonValue(), { nil: undefined }),
  )
  .map(([field, value]) => ({ ...ticketBody(), [field]: value }))
  // Setting an optional field to undefined leaves a valid body; this property is about invalid ones.
  .filter((b) => JSON.stringify(b) !== JSON.stringify(ticketBody()));

describe('POST /v1/tickets with random and malformed bodies', () => {
  it('answers only 4xx JSON errors and writes nothing', async () => {
    const fx = await makeDesk();
    const before = await countRows('tickets');
    const check = async (res: Response) => {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await errorCode(res)).toMatch(/^[a-z_]+$/);
    };
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => check(await postTicket(fx, value))),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (raw) =>
        check(await postTicket(fx, null, { rawBody: raw.startsWith('{') ? raw : `{${raw}` })),
      ),
      { numRuns: RUNS },
    );
    expect(await countRows('tickets')).toBe(before);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(mutatedBody, async (body) => {
        const res = await postTicket(fx, body);
        // A mutation can still be valid (an optional field dropped, a string replaced by another):
        // the wire schema is the oracle, and what it accepts must be created.
        if (TicketCreateSchema.safeParse(body).success) {
          expect(res.status).toBe(201);
          accepted++;
          return;
        }
        await check(res);
      }),
      { numRuns: RUNS },
    );
    expect(await countRows('tickets')).toBe(before + accepted);
  });
});
