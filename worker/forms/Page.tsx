/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Locale } from '../../shared/schema';
import { FORM_CSS } from './styles';

/**
 * The frame of every form page: language, title, the one stylesheet (its bytes exactly as hashed in
 * the CSP, so it is inserted raw), and no script. IE11 in an intranet zone would otherwise render in
 * compatibility mode, hence X-UA-Compatible.
 */
export function Page(props: { lang: Locale; title: string; children?: Child }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="X-UA-Compatible" content="IE=edge" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <style dangerouslySetInnerHTML={{ __html: FORM_CSS }} />
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/** A rendered page as an HTML document (hono's `c.html` adds no doctype; without one IE11 goes quirks). */
export async function htmlDocument(page: Child): Promise<string> {
  return `<!DOCTYPE html>${String(await page)}`;
}

/** The form's own address for a key and language (relative, so it stays on this origin). */
export function formHref(key: string, lang: Locale): string {
  return `/v1/forms/request?key=${encodeURIComponent(key)}&lang=${lang}`;
}
