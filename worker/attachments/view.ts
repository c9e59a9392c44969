import type { AttachmentSummary } from '../../shared/conversation-schema';
import type { ListedAttachment } from '../db/attachments';

/** An attachment as the API shows it: id, name, size in bytes and the type it is served as. */
export type AttachmentView = AttachmentSummary;

/** Row → view (a name is always set for new rows; a legacy email part may have none). */
export function toAttachmentView(
  a: Pick<ListedAttachment, 'id' | 'filename' | 'size' | 'sniffedType' | 'contentType'>,
): AttachmentView {
  return {
    id: a.id,
    name: a.filename ?? 'attachment',
    size: a.size,
    type: a.sniffedType ?? a.contentType ?? 'application/octet-stream',
  };
}

/** Whether the bytes can be served: the type was accepted and they are kept (in R2, or still in D1). */
export const isDownloadable = (a: Pick<ListedAttachment, 'sniffedType' | 'refused' | 'objectKey' | 'inD1'>) =>
  !a.refused && (!!a.objectKey || !!a.inD1) && (!!a.sniffedType || !!a.inD1);

/**
 * Whether the ticket's customer may see an attachment: one on a public message, or their own that no
 * message has claimed yet (an upload, or the email that opened the ticket). Never an internal note's,
 * never an agent's upload before it is sent.
 */
export function customerMaySee(a: {
  messageId: string | null;
  messagePublic: boolean | null;
  uploadedBy: string | null;
}): boolean {
  if (a.messageId) return a.messagePublic === true;
  return a.uploadedBy === 'customer' || a.uploadedBy === 'email';
}
