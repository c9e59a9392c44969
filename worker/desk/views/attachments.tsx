/** @jsxImportSource hono/jsx */
import { formatFileSize } from '../../../shared/attachments';
import { isDownloadable, toAttachmentView } from '../../attachments/view';
import type { ListedAttachment } from '../../db/attachments';
import type { DeskLang, Strings } from '../strings';

/** The console's download link of an attachment (session-checked; served as a download). */
export const deskAttachmentHref = (ticketId: string, id: string) =>
  `/desk/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(id)}`;

/** Files of a message (or of the mail that opened the ticket): a download link each, or why it was not kept. */
export function AttachmentList(p: { files: ListedAttachment[]; s: Strings; lang: DeskLang }) {
  const { files, s, lang } = p;
  if (files.length === 0) return null;
  return (
    <ul class="attachments" aria-label={s.attachments}>
      {files.map((f) => {
        const v = toAttachmentView(f);
        const size = formatFileSize(v.size, lang);
        return isDownloadable(f) ? (
          <li>
            <a href={deskAttachmentHref(f.ticketId, f.id)} download={v.name}>
              {v.name}
            </a>{' '}
            <span class="meta">
              ({size}, {v.type.split(';')[0]})
            </span>
          </li>
        ) : (
          <li>
            {v.name}{' '}
            <span class="meta">
              ({size}; {s.attachmentNotKept}: {s.refusedName[f.refused ?? 'not_kept']})
            </span>
          </li>
        );
      })}
    </ul>
  );
}
