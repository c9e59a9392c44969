import { describe, expect, it } from 'vitest';
import { TicketCreateSchema } from '../../shared/schema';
import { LIMITS } from '../../widget/limits';

describe('LIMITS', () => {
  it('equals the server’s length limits, so maxlength never lets through what the API refuses', () => {
    const t = TicketCreateSchema.shape;
    expect(LIMITS).toEqual({
      subject: t.subject.maxLength,
      description: t.description.maxLength,
      steps: t.steps.unwrap().maxLength,
      expected: t.expected.unwrap().maxLength,
      thirdPartyName: t.thirdParty.unwrap().shape.name.unwrap().maxLength,
      name: t.contact.shape.name.maxLength,
      email: t.contact.shape.email.maxLength,
    });
  });
});
