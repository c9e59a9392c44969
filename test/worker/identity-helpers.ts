import { sign } from 'hono/jwt';

/** An HS256 identity token as a host application's server makes it (exp an hour ahead unless given). */
export function identityToken(
  secret: string,
  claims: { sub: string; org?: string; email?: string; name?: string; exp?: number; iat?: number },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return sign({ exp: now + 3600, iat: now, ...claims }, secret, 'HS256');
}

/** A token with an arbitrary header (e.g. `alg: none`) and no valid signature: base64url JSON parts. */
export function unsignedToken(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  signature = '',
): string {
  const b64 = (o: unknown) =>
    btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64(header)}.${b64(claims)}.${signature}`;
}
