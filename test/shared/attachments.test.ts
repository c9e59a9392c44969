import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../../shared/attachments';

describe('formatFileSize', () => {
  it.each([
    [0, 'en', '0 B'],
    [1023, 'en', '1,023 B'],
    [1024, 'en', '1 KB'],
    [1536, 'en', '1.5 KB'],
    [1536, 'id', '1,5 KB'],
    [10 * 1024 * 1024, 'en', '10 MB'],
    [2_500_000, 'id', '2,4 MB'],
  ] as const)('%d bytes in %s → %s', (bytes, locale, out) => {
    expect(formatFileSize(bytes, locale)).toBe(out);
  });
});
