import { describe, expect, it } from 'vitest';
import { TicketCreateSchema } from '../../shared/schema';
import { assessRequest } from '../../worker/tickets/assessment';
import { IE11_UA, ticketBody } from './intake-helpers';

describe('assessRequest', () => {
  it("returns the environment policy's reasons as plain English for the widget response", () => {
    const a = assessRequest(
      TicketCreateSchema.parse(ticketBody({ environment: { userAgent: IE11_UA, cookiesEnabled: false } })),
    );
    expect(a.flags).toContain('unsupported_environment');
    expect(a.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^The user is on Internet Explorer 11\.0 on Windows, outside the supported-browser policy/,
        ),
        'Cookies are disabled; signing in to the application needs them.',
      ]),
    );
  });

  it('adds no environment warning for a supported setup', () => {
    expect(assessRequest(TicketCreateSchema.parse(ticketBody())).warnings).toEqual([]);
  });
});
