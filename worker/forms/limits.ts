import { TicketCreateSchema } from '../../shared/schema';
import type { FormField } from './fields';

const t = TicketCreateSchema.shape;
const max = (n: number | null): number => {
  if (n === null) throw new Error('a text field of TicketCreateSchema has no maximum length');
  return n;
};

/** Each text field's `maxlength`, read from TicketCreateSchema itself: what the server refuses, the input never takes. */
export const FORM_LIMITS = {
  subject: max(t.subject.maxLength),
  description: max(t.description.maxLength),
  steps: max(t.steps.unwrap().maxLength),
  expected: max(t.expected.unwrap().maxLength),
  thirdPartyName: max(t.thirdParty.unwrap().shape.name.unwrap().maxLength),
  name: max(t.contact.shape.name.maxLength),
  email: max(t.contact.shape.email.maxLength),
} satisfies Partial<Record<FormField, number>>;
