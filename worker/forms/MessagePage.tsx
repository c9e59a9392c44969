/** @jsxImportSource hono/jsx */
import type { Locale } from '../../shared/schema';
import { Page } from './Page';

/** A page that only explains (unknown key, conflict, rate limit, refused, unavailable), with an optional way on. */
export function MessagePage(props: {
  lang: Locale;
  title: string;
  text: string;
  link?: { href: string; label: string } | undefined;
}) {
  return (
    <Page lang={props.lang} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      {props.link && (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      )}
    </Page>
  );
}
