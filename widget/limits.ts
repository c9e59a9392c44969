import type { Draft } from './draft';

/**
 * The server's length limits (shared/schema.ts, TicketCreateSchema), as the inputs' maxlength.
 * Numbers, not the zod schema, so zod stays out of the bundle; a test checks they agree.
 */
export const LIMITS: Partial<Record<keyof Draft, number>> = {
  subject: 200,
  description: 10_000,
  steps: 5_000,
  expected: 5_000,
  thirdPartyName: 120,
  name: 120,
  email: 254,
};
