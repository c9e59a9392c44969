import type { TicketCreateInput } from '../../../shared/schema';
import type { Draft } from '../../draft';

/**
 * The draft's answer to "does this involve personal data?" as POST /v1/tickets' `personalData` (guide
 * section 11, UU 27/2022 PDP): 'unsure' is sent as true, so the 72-hour notification clock starts rather
 * than being missed; unanswered, or any other category, sends nothing (the API refuses it elsewhere).
 */
export const personalData = (d: Pick<Draft, 'category' | 'personalData'>): boolean | undefined =>
  d.category === 'security_incident' && d.personalData ? d.personalData !== 'no' : undefined;

/** What the security path adds to the ticket's body: `personalData` when answered. */
export const securityBody = (d: Draft): Pick<TicketCreateInput, 'personalData'> => ({
  personalData: personalData(d),
});
