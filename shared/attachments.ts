/**
 * Attachments' limits as every side shows them (issue 13). The server decides a file's type from its
 * bytes (worker/attachments/policy.ts); `ATTACHMENT_ACCEPT` only steers file pickers.
 */

/** Largest attachment accepted: 10 MB. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** What file pickers offer: images, PDF, plain-text logs, zip and gzip. */
export const ATTACHMENT_ACCEPT =
  'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.log,.txt,.zip,.gz';

/** A file size for people: bytes below 1 KB, then KB and MB with one decimal (1 KB = 1,024 bytes). */
export function formatFileSize(bytes: number, locale: 'id' | 'en'): string {
  const n = (v: number, digits: number) =>
    new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: digits }).format(v);
  if (bytes < 1024) return `${n(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024, 1)} KB`;
  return `${n(bytes / (1024 * 1024), 1)} MB`;
}
