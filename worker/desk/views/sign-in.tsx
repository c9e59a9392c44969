/** @jsxImportSource hono/jsx */
import type { Strings } from '../strings';
import { Layout, Notice } from './layout';

/** The sign-in page: one email field; after posting it, the same answer whether or not the email is known. */
export function SignInPage({
  s,
  next,
  sent,
  message,
}: {
  s: Strings;
  next: string;
  sent: boolean;
  message?: string;
}) {
  return (
    <Layout s={s} title={s.signInTitle} here="/desk/sign-in" page="sign-in">
      <section class="narrow">
        <h1>{s.signInTitle}</h1>
        <Notice text={message} kind="error" />
        {sent ? (
          <p role="status" class="notice ok">
            {s.linkSent}
          </p>
        ) : (
          <>
            <p>{s.signInIntro}</p>
            <form method="post" action="/desk/sign-in" class="stack">
              <input type="hidden" name="next" value={next} />
              <label for="email">{s.email}</label>
              <input id="email" name="email" type="email" autocomplete="username" required maxlength={254} />
              <button type="submit" class="primary">
                {s.sendLink}
              </button>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
}

/**
 * What the emailed link opens: a button that posts the token. Opening the link alone (a mail scanner
 * fetching it) signs nobody in and does not use the link up.
 */
export function ConfirmPage({ s, token }: { s: Strings; token: string }) {
  return (
    <Layout
      s={s}
      title={s.confirmTitle}
      here={`/desk/sign-in/callback?token=${encodeURIComponent(token)}`}
      page="sign-in"
    >
      <section class="narrow">
        <h1>{s.confirmTitle}</h1>
        <p>{s.confirmIntro}</p>
        <form method="post" action="/desk/sign-in/callback">
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="primary">
            {s.confirm}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** An error page in the console's frame. */
export function ErrorPage({ s, message, here }: { s: Strings; message: string; here: string }) {
  return (
    <Layout s={s} title={s.errorTitle} here={here} page="error">
      <section class="narrow">
        <h1>{s.errorTitle}</h1>
        <p role="alert">{message}</p>
        <p>
          <a href="/desk">{s.back}</a>
        </p>
      </section>
    </Layout>
  );
}
