import type { ListedAttachment } from '../db/attachments';
import { UNCLAIMED_UPLOAD_TTL_MS } from './sweep';
import { isDownloadable } from './view';

/** Who writes the message that names attachments. */
export type Claimant = { kind: 'customer' } | { kind: 'agent'; agentId: string };

/**
 * How old an upload may be when a message claims it: a day less than the sweep waits, so a message is
 * never written naming a file the sweep is deleting at that moment (sweep.ts).
 */
export const CLAIM_WINDOW_MS = UNCLAIMED_UPLOAD_TTL_MS - 86_400_000;

/**
 * Why a message may not carry this attachment, or null when it may: it must be an upload on the same
 * ticket (the caller reads by ticket), not on a message yet, stored, uploaded by the same side (the
 * customer's own uploads for a customer reply, the same agent's for an agent's reply or note), and
 * younger than CLAIM_WINDOW_MS.
 */
export function claimProblem(a: ListedAttachment | undefined, by: Claimant, now: number): string | null {
  if (!a) return 'no such attachment on this ticket';
  if (a.messageId) return 'already on a message';
  if (now - a.createdAt > CLAIM_WINDOW_MS) return 'uploaded too long ago: upload it again';
  if (!isDownloadable(a)) return 'not stored';
  if (by.kind === 'customer' && a.uploadedBy !== 'customer') return 'not uploaded by the customer';
  if (by.kind === 'agent' && (a.uploadedBy !== 'agent' || a.agentId !== by.agentId))
    return 'not uploaded by this agent';
  return null;
}
