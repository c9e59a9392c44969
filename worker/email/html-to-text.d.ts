// html-to-text 10 ships no type declarations; this is the one function the email channel uses.
declare module 'html-to-text' {
  /** Converts an HTML document to plain text. */
  export function convert(html: string, options?: Record<string, unknown>): string;
}
