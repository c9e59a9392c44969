import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A full HTML page from a JSX tree (hono's c.html adds no doctype). */
export async function renderPage(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200) {
  return c.html(`<!doctype html>${await page.toString()}`, status);
}

/** A fragment of HTML (what the queue's poll swaps in). */
export async function renderFragment(c: Context, node: JSX.Element) {
  return c.html(await node.toString());
}
