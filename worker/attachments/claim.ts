import type { ListedAttachment } from '../db/attachments';
import { isDownloadable } from './view';

/** Who writes the message that names attachments. */
export type Claimant = { kind: 'customer' } | { kind: 'agent'; agentId: string };

/**
 * Why a message may not carry this attachment, or null when it may: it must be an upload on the same
 * ticket (the caller reads by ticket), not on a message yet, stored, and uploaded by the same side: the
 * customer's own uploads for a customer reply, the same agent's for an agent's reply or note.
 */
export function claimProblem(a: ListedAttachment | undefined, by: Claimant): string | null {
  if (!a) return 'no such attachment on this ticket';
  if (a.messageId) return 'already on a message';
  if (!isDownloadable(a)) return 'not stored';
  if (by.kind === 'customer' && a.uploadedBy !== 'customer') return 'not uploaded by the customer';
  if (by.kind === 'agent' && (a.uploadedBy !== 'agent' || a.agentId !== by.agentId))
    return 'not uploaded by this agent';
  return null;
}
