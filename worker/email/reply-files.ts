import type { ListedAttachment } from '../db/attachments';
import type { MailAttachment } from './outbound';
import type { MailedFile } from './strings';

/**
 * The files of a mailed agent reply. Each is listed by name and size; those kept in R2 are also
 * attached while their total stays under MAIL_ATTACHMENT_CAP_BYTES (a mail stays far below the
 * send_email limit, and the Worker never holds more than the cap in memory). The rest are only
 * listed: the conversation page's link downloads them.
 */

/** The most bytes a reply mail carries as attachments (the files before encoding). */
export const MAIL_ATTACHMENT_CAP_BYTES = 5 * 1024 * 1024;

type ReplyFile = Pick<ListedAttachment, 'id' | 'filename' | 'size' | 'objectKey' | 'sniffedType'>;

/** Which files are attached: in order, those in R2 whose running total fits under the cap. */
export function filesToAttach<F extends ReplyFile>(files: F[], cap = MAIL_ATTACHMENT_CAP_BYTES): Set<string> {
  const chosen = new Set<string>();
  let total = 0;
  for (const f of files) {
    if (!f.objectKey || !f.sniffedType || total + f.size > cap) continue;
    total += f.size;
    chosen.add(f.id);
  }
  return chosen;
}

// mimetext writes the name into `filename="…"` unencoded: keep it to printable ASCII without quotes.
const headerSafeName = (name: string | null) =>
  (name ?? '').replace(/[^\x20-\x7e]|["\\]/g, '_').trim() || 'attachment';

/**
 * Reads the chosen files from R2. A file whose object is gone is only listed (the page says so when
 * opened); the mail is not held back for it.
 */
export async function replyFiles(
  bucket: R2Bucket,
  files: ReplyFile[],
  cap = MAIL_ATTACHMENT_CAP_BYTES,
): Promise<{ listed: (MailedFile & { id: string })[]; attached: MailAttachment[] }> {
  const chosen = filesToAttach(files, cap);
  const attached: MailAttachment[] = [];
  const listed: (MailedFile & { id: string })[] = [];
  for (const f of files) {
    const object = chosen.has(f.id) && f.objectKey ? await bucket.get(f.objectKey) : null;
    if (object) {
      attached.push({
        filename: headerSafeName(f.filename),
        contentType: f.sniffedType ?? 'application/octet-stream',
        data: new Uint8Array(await object.arrayBuffer()),
      });
    }
    listed.push({ id: f.id, filename: f.filename, size: f.size, attached: !!object });
  }
  return { listed, attached };
}
