import type { Identity } from './bridge';

/** An identity token's claims, read without checking the signature; undefined when it cannot be read. */
function claims(token: string | undefined): Record<string, unknown> | undefined {
  try {
    const part = (token ?? '').split('.')[1] ?? '';
    const json = decodeURIComponent(
      [...atob(part.replace(/-/g, '+').replace(/_/g, '/'))]
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    return JSON.parse(json) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The name and email an identity token vouches for (its `name` and `email` claims), read without
 * checking the signature: the server verifies the token and takes the contact from it, so the panel
 * only shows them (read-only). Undefined when there is no token or it cannot be read.
 */
export function tokenContact(token: string | undefined): { name: string; email: string } | undefined {
  const { name, email } = claims(token) ?? {};
  return typeof name === 'string' && name && typeof email === 'string' && email ? { name, email } : undefined;
}

/**
 * Who the device's saved result and held tickets belong to: a signed token's organisation and user
 * (`org`, `sub`: stable across the token's renewals; the token itself when it cannot be read), the
 * legacy userId, or '' for anonymous. Another user of a shared browser sees none of an earlier one's.
 */
export function ownerOf(identity: Identity | undefined): string {
  const { token, userId } = identity ?? {};
  const c = claims(token);
  return token ? `t:${c?.org ?? ''}:${c?.sub ?? token}` : userId ? `u:${userId}` : '';
}
