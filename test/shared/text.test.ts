import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { codePointLabel, findUnsafeChar, isSafeText, noControlChars, safeText } from '../../shared/text';

const hex = (cp: number) => String.fromCharCode(cp);
/** The policy written out again, one code point at a time, as an oracle for the property test. */
const independentlyAllowed = (ch: string) => {
  const cp = ch.codePointAt(0) ?? 0;
  return !(
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    [0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].includes(cp)
  );
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('findUnsafeChar', () => {
  it('accepts printable text in any script, emoji with joiners, BOM, tabs, LF and CRLF', () => {
    for (const text of [
      'Tidak bisa login ke dasbor',
      'Ошибка входа',
      'ログインできません',
      'שלום עולם',
      'مرحبا\u061C بالعالم',
      'a\u200Eb\u200Fc',
      '👩‍💻 developer 🇮🇩',
      '\uFEFFwith bom',
      'col1\tcol2',
      'line 1\nline 2',
      'line 1\r\nline 2\r\n',
      'zero\u200Bwidth',
      '',
    ]) {
      expect(findUnsafeChar(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('refuses every C0 control but tab, LF and CR-before-LF', () => {
    for (const cp of range(0x00, 0x1f).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d)) {
      expect(findUnsafeChar(`ab${hex(cp)}c`)).toEqual({ index: 2, codePoint: cp, kind: 'control' });
    }
  });

  it('refuses NUL anywhere, including first and last', () => {
    expect(findUnsafeChar('\0abc')?.index).toBe(0);
    expect(findUnsafeChar('abc\0')?.index).toBe(3);
  });

  it('refuses a lone CR, and a CR that ends the text', () => {
    expect(findUnsafeChar('a\rb')).toEqual({ index: 1, codePoint: 0x0d, kind: 'line_break' });
    expect(findUnsafeChar('a\r')).toEqual({ index: 1, codePoint: 0x0d, kind: 'line_break' });
    expect(findUnsafeChar('a\n\rb')?.index).toBe(2);
  });

  it('refuses DEL and every C1 control', () => {
    for (const cp of range(0x7f, 0x9f)) {
      expect(findUnsafeChar(`x${hex(cp)}`)).toEqual({ index: 1, codePoint: cp, kind: 'control' });
    }
    expect(findUnsafeChar('\u00A0non-breaking space is fine')).toBeNull();
  });

  it('refuses bidi embeddings, overrides and isolates (Trojan Source) but not the bidi marks', () => {
    for (const cp of [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)]) {
      expect(findUnsafeChar(`invoice${hex(cp)}fdp.exe`)?.kind).toBe('bidi_control');
    }
    for (const cp of [0x200e, 0x200f, 0x061c]) expect(findUnsafeChar(`a${hex(cp)}b`)).toBeNull();
  });

  it('refuses the Unicode line and paragraph separators', () => {
    expect(findUnsafeChar('a\u2028b')?.kind).toBe('separator');
    expect(findUnsafeChar('a\u2029b')?.kind).toBe('separator');
  });

  it('refuses unpaired surrogates, high or low, and counts indexes in UTF-16 units after a valid pair', () => {
    expect(findUnsafeChar('a\uD800b')).toEqual({ index: 1, codePoint: 0xd800, kind: 'lone_surrogate' });
    expect(findUnsafeChar('a\uDC00')).toEqual({ index: 1, codePoint: 0xdc00, kind: 'lone_surrogate' });
    expect(findUnsafeChar('😀\uD83D')).toEqual({ index: 2, codePoint: 0xd83d, kind: 'lone_surrogate' });
    expect(findUnsafeChar('😀\0')?.index).toBe(2);
  });

  it('refuses LF and CRLF in single-line fields but keeps tab', () => {
    expect(findUnsafeChar('a\nb', { multiline: false })).toEqual({
      index: 1,
      codePoint: 0x0a,
      kind: 'line_break',
    });
    expect(findUnsafeChar('a\r\nb', { multiline: false })?.index).toBe(1);
    expect(findUnsafeChar('a\tb', { multiline: false })).toBeNull();
  });

  it('reports only the first offender', () => {
    expect(findUnsafeChar('ok\u0001\u0002')?.codePoint).toBe(1);
  });

  it('accepts any text drawn from allowed characters, and refuses it once one forbidden character is inserted', () => {
    const allowed = fc.oneof(
      fc.string({ unit: 'grapheme' }).map((s) => Array.from(s).filter(independentlyAllowed).join('')),
      fc.constantFrom('\t', '\n', '\r\n'),
    );
    const forbidden = fc.constantFrom(
      ...[
        ...range(0, 8),
        0x0b,
        0x0c,
        ...range(0x0e, 0x1f),
        ...range(0x7f, 0x9f),
        0x2028,
        0x2029,
        0x202e,
        0x2066,
        0xd800,
        0xdfff,
      ].map(hex),
    );
    fc.assert(
      fc.property(
        fc.array(allowed, { maxLength: 8 }),
        fc.array(allowed, { maxLength: 8 }),
        forbidden,
        (a, b, bad) => {
          const before = a.join('');
          expect(isSafeText(before + b.join(''))).toBe(true);
          const found = findUnsafeChar(before + bad + b.join(''));
          expect(found?.index).toBe(before.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('codePointLabel', () => {
  it('writes U+ and at least four upper-case hex digits', () => {
    expect(codePointLabel(0)).toBe('U+0000');
    expect(codePointLabel(0x202e)).toBe('U+202E');
    expect(codePointLabel(0x1f600)).toBe('U+1F600');
  });
});

describe('safeText / noControlChars', () => {
  it('parses clean text, trimmed, and still chains min and optional like z.string()', () => {
    const schema = z.strictObject({
      subject: safeText(200, { multiline: false }).min(1),
      notes: safeText(50).optional(),
    });
    expect(schema.parse({ subject: '  Login gagal  ' })).toEqual({ subject: 'Login gagal' });
    expect(schema.safeParse({ subject: '   ' }).success).toBe(false);
    expect(schema.safeParse({ subject: 'x'.repeat(201) }).success).toBe(false);
  });

  it('fails with one custom issue naming the code point and position', () => {
    const result = safeText(100).safeParse('abc\u0000def');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'custom',
      path: [],
      params: { codePoint: 'U+0000', index: 3, kind: 'control' },
    });
    expect(result.error?.issues[0]?.message).toMatch(/U\+0000.*position 3/);
  });

  it('checks the trimmed value: leading and trailing line breaks are trimmed away, inner ones follow the policy', () => {
    expect(safeText(100, { multiline: false }).parse('\nsubject\n')).toBe('subject');
    expect(safeText(100, { multiline: false }).safeParse('two\nlines').success).toBe(false);
    expect(safeText(100).parse('two\r\nlines')).toBe('two\r\nlines');
  });

  it('reports the field path inside an object', () => {
    const schema = z.object({ contact: z.object({ name: z.string().check(noControlChars()) }) });
    const result = schema.safeParse({ contact: { name: 'Budi\u202Egnp.exe' } });
    expect(result.error?.issues[0]?.path).toEqual(['contact', 'name']);
    expect(result.error?.issues[0]?.message).toContain('U+202E');
  });
});
