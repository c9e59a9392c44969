/** Small real files of each kind the attachment rules see (built once, with Python's zlib/zipfile). */
const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const ascii = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...ascii(p)] : p)));

/** A 1×1 PNG. */
export const PNG = b64(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
);
/** The start of a JFIF JPEG. */
export const JPEG = bytes(
  [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
  'JFIF',
  [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9],
);
/** A GIF89a header and an empty image. */
export const GIF = bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x3b]);
/** A lossy WebP's RIFF header. */
export const WEBP = bytes(
  'RIFF',
  [26, 0, 0, 0],
  'WEBPVP8 ',
  [14, 0, 0, 0, 0x30, 1, 0, 0x9d, 1, 0x2a, 1, 0, 1, 0, 0, 0],
);
/** A minimal PDF. */
export const PDF = ascii('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** A zip holding log.txt. */
export const ZIP = b64(
  'UEsDBBQAAAAAACyDgV2GphA2BQAAAAUAAAAHAAAAbG9nLnR4dGhlbGxvUEsBAhQDFAAAAAAALIOBXYamEDYFAAAABQAAAAcAAAAAAAAAAAAAAIABAAAAAGxvZy50eHRQSwUGAAAAAAEAAQA1AAAAKgAAAAAA',
);
/** A zip that is a Word document ([Content_Types].xml, word/document.xml). */
export const DOCX = b64(
  'UEsDBBQAAAAAAEuDgV3GEnoH8QAAAPEAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbDw/eG1sIHZlcnNpb249IjEuMCI/PjxUeXBlcyB4bWxucz0iaHR0cDovL3NjaGVtYXMub3BlbnhtbGZvcm1hdHMub3JnL3BhY2thZ2UvMjAwNi9jb250ZW50LXR5cGVzIj48T3ZlcnJpZGUgUGFydE5hbWU9Ii93b3JkL2RvY3VtZW50LnhtbCIgQ29udGVudFR5cGU9ImFwcGxpY2F0aW9uL3ZuZC5vcGVueG1sZm9ybWF0cy1vZmZpY2Vkb2N1bWVudC53b3JkcHJvY2Vzc2luZ21sLmRvY3VtZW50Lm1haW4reG1sIi8+PC9UeXBlcz5QSwMEFAAAAAAAS4OBXRbDehkEAAAABAAAABEAAAB3b3JkL2RvY3VtZW50LnhtbDx3Lz5QSwECFAMUAAAAAABLg4FdxhJ6B/EAAADxAAAAEwAAAAAAAAAAAAAAgAEAAAAAW0NvbnRlbnRfVHlwZXNdLnhtbFBLAQIUAxQAAAAAAEuDgV0Ww3oZBAAAAAQAAAARAAAAAAAAAAAAAACAASIBAAB3b3JkL2RvY3VtZW50LnhtbFBLBQYAAAAAAgACAIAAAABVAQAAAAA=',
);
/** A zip that is a Java archive (META-INF/MANIFEST.MF). */
export const JAR = b64(
  'UEsDBBQAAAAAACyDgV1631ogFgAAABYAAAAUAAAATUVUQS1JTkYvTUFOSUZFU1QuTUZNYW5pZmVzdC1WZXJzaW9uOiAxLjAKUEsBAhQDFAAAAAAALIOBXXrfWiAWAAAAFgAAABQAAAAAAAAAAAAAAIABAAAAAE1FVEEtSU5GL01BTklGRVNULk1GUEsFBgAAAAABAAEAQgAAAEgAAAAAAA==',
);
/** "log line\n", gzipped. */
export const GZIP = b64('H4sIAAAAAAACA8vJT1fIycxL5QIARxHSvAkAAAA=');
/** A Windows executable's DOS header. */
export const EXE = bytes(
  'MZ',
  [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0],
  'This program cannot be run in DOS mode',
);
/** An ELF binary's header. */
export const ELF = bytes([0x7f], 'ELF', [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]);
/** A UTF-8 log with Indonesian text. */
export const LOG = ascii(
  '2026-12-01 10:00:01 ERROR ekspor gagal: kolom "tanggal" kosong\n2026-12-01 10:00:02 INFO coba lagi…\n',
);
/** HTML, SVG and XML: text a browser would render. */
export const HTML = ascii('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
export const SVG = ascii('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>');
export const XML_SVG = ascii(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);
