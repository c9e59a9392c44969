const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML-escapes text (every value that reaches the docs page goes through this). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Escapes prose from the document, then shows its `backticked` spans as code. */
export function inline(text: string): string {
  // Safe: the backtick spans are matched in text that is already escaped.
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** An HTML table; `rows` hold ready HTML (callers escape their cells). */
export function table(headers: string[], rows: string[][], className = ''): string {
  if (rows.length === 0) return '';
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A stable fragment id for an operation, e.g. `post-v1-tickets-id-messages`. */
export function operationId(method: string, path: string): string {
  return `${method}-${path}`
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/-+$/, '')
    .toLowerCase();
}
