/**
 * The name and email an identity token vouches for (its `name` and `email` claims), read without
 * checking the signature: the server verifies the token and takes the contact from it, so the panel
 * only shows them (read-only). Undefined when there is no token or it cannot be read.
 */
export function tokenContact(token: string | undefined): { name: string; email: string } | undefined {
  try {
    const part = (token ?? '').split('.')[1] ?? '';
    const json = decodeURIComponent(
      [...atob(part.replace(/-/g, '+').replace(/_/g, '/'))]
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const { name, email } = JSON.parse(json) as { name?: unknown; email?: unknown };
    return typeof name === 'string' && name && typeof email === 'string' && email
      ? { name, email }
      : undefined;
  } catch {
    return undefined;
  }
}
