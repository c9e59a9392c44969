/**
 * Authentication-Results (RFC 8601) parsing and the one decision the email channel needs: did the
 * receiving server we trust find that the message really comes from its From domain?
 */

/**
 * The authserv-id Cloudflare Email Routing writes in the Authentication-Results it adds on receipt
 * (seen on delivered mail: `Authentication-Results: mx.cloudflare.net; dkim=pass header.d=… ;
 * dmarc=pass header.from=… ; spf=pass … smtp.mailfrom=…`, also in its ARC-Authentication-Results
 * and `Received-SPF: … receiver=mx.cloudflare.net`).
 */
export const CLOUDFLARE_AUTHSERV_ID = 'mx.cloudflare.net';

/** One `method=result` of an Authentication-Results header, with its reason and properties. */
export type AuthResult = {
  /** Lower case, without version: `dmarc`, `dkim`, `spf`, `arc` … */
  method: string;
  /** Lower case: `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`, `policy` … */
  result: string;
  reason?: string;
  /** `ptype.property` (lower case) → value, e.g. `header.from` → `example.com`. */
  properties: Record<string, string>;
};

/** One parsed Authentication-Results header. */
export type AuthResultsHeader = {
  /** Lower case; empty when the header starts with a result instead (as Microsoft's often do). */
  authservId: string;
  results: AuthResult[];
};

/** `glued`: no whitespace or comment before it, so it continues the previous token's value. */
type Token = { kind: 'word' | 'quoted' | '=' | ';'; text: string; glued: boolean };

/** Tokens of a header value: comments (nested, with quoted pairs) dropped, quoted strings kept whole. */
function lex(value: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  let glued = false;
  const push = (kind: Token['kind'], text: string) => {
    tokens.push({ kind, text, glued });
    glued = true;
  };
  while (i < value.length) {
    const ch = value[i] as string;
    if (/\s/.test(ch)) {
      glued = false;
      i++;
    } else if (ch === '(') {
      glued = false;
      let depth = 0;
      for (; i < value.length; i++) {
        const c = value[i];
        if (c === '\\') i++;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      if (depth !== 0) return null; // unclosed comment
      i++;
      glued = false;
    } else if (ch === '"') {
      let text = '';
      for (i++; i < value.length && value[i] !== '"'; i++)
        text += value[i] === '\\' ? (value[++i] ?? '') : value[i];
      if (i >= value.length) return null; // unclosed quote
      push('quoted', text);
      i++;
    } else if (ch === '=' || ch === ';') {
      push(ch, ch);
      i++;
    } else {
      let text = '';
      while (i < value.length && !/[\s()";=]/.test(value[i] as string)) text += value[i++];
      push('word', text);
    }
  }
  return tokens;
}

function splitOnSemicolons(tokens: Token[]): Token[][] {
  const groups: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === ';') groups.push([]);
    else groups[groups.length - 1]?.push(t);
  }
  return groups;
}

/** `name = value` pairs of one resinfo, in order; a value may be a word or a quoted string. */
function pairs(group: Token[]): [string, string][] | null {
  const out: [string, string][] = [];
  let i = 0;
  while (i < group.length) {
    // A method may carry a version written apart (`dkim / 1`): join the words before '='.
    let name = '';
    while (i < group.length && group[i]?.kind === 'word') name += group[i++]?.text;
    if (group[i]?.kind !== '=' || !name) return null;
    i++;
    const first = group[i];
    if (!first || (first.kind !== 'word' && first.kind !== 'quoted')) return null;
    // An address may hold '=' or a quoted local part (`a=b@x`, `"a;b"@x`): glued tokens continue it.
    let value = first.text;
    for (i++; i < group.length && group[i]?.glued; i++) value += group[i]?.text;
    out.push([name.toLowerCase(), value]);
  }
  return out;
}

/**
 * Parses one Authentication-Results value (after the colon, folded or not). Returns null when it
 * does not follow RFC 8601 closely enough to be trusted (unbalanced comment or quote, a resinfo
 * without `method=result`). `authserv-id; none` gives no results.
 */
export function parseAuthenticationResults(value: string): AuthResultsHeader | null {
  const tokens = lex(value.replace(/\r?\n/g, ' '));
  if (!tokens) return null;
  const [head = [], ...rest] = splitOnSemicolons(tokens);
  let authservId = '';
  const groups = rest;
  if (head.some((t) => t.kind === '=')) {
    groups.unshift(head); // no authserv-id: the first segment is already a result
  } else {
    const [id, version] = head;
    if (!id || (id.kind !== 'word' && id.kind !== 'quoted') || head.length > 2) return null;
    if (version && !/^[0-9]+$/.test(version.text)) return null;
    authservId = id.text.toLowerCase();
  }
  const results: AuthResult[] = [];
  for (const group of groups) {
    if (group.length === 0) continue; // a trailing ';'
    if (group.length === 1 && group[0]?.text.toLowerCase() === 'none') continue; // no-result
    const found = pairs(group);
    const first = found?.[0];
    if (!found || !first) return null;
    const [methodSpec, result] = first;
    const entry: AuthResult = {
      method: methodSpec.split('/')[0] ?? methodSpec,
      result: result.toLowerCase(),
      properties: {},
    };
    for (const [name, v] of found.slice(1)) {
      if (name === 'reason') entry.reason = v;
      else if (name.includes('.')) entry.properties[name] = v;
      // other words (Microsoft's `action=none`, `compauth=pass`) are not RFC 8601 properties: ignored
    }
    results.push(entry);
  }
  return { authservId, results };
}

/** A header field as postal-mime lists them (`email.headers`): lower-case key, unfolded value, message order. */
export type HeaderField = { key: string; value: string };

/** How the sender of a message was (or was not) authenticated, by the trusted receiving server. */
export type SenderAuthentication =
  | { verified: true; evidence: string; results: AuthResult[] }
  | {
      verified: false;
      reason:
        | 'no_trusted_header'
        | 'ambiguous'
        | 'unparsable'
        | 'dmarc_failed'
        | 'no_aligned_pass'
        | 'no_from_domain';
      results: AuthResult[];
    };

/** The domain of an address or `@domain` value, lower case, without a trailing dot. */
function domainOf(value: string | undefined): string | null {
  if (!value) return null;
  const at = value.lastIndexOf('@');
  const domain = (at >= 0 ? value.slice(at + 1) : value).trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9.-]+$/.test(domain) && domain.includes('.') ? domain : null;
}

/**
 * Relaxed alignment (RFC 7489 3.1) without the public suffix list: the two domains are equal or one
 * is a subdomain of the other. Passing DKIM or SPF for a domain needs control of its DNS, so a
 * parent or child of the From domain is the From domain's owner.
 */
export function aligned(fromDomain: string, authDomain: string): boolean {
  return (
    fromDomain === authDomain ||
    fromDomain.endsWith(`.${authDomain}`) ||
    authDomain.endsWith(`.${fromDomain}`)
  );
}

/**
 * Whether the message's sender is verified, judged ONLY by the topmost Authentication-Results
 * header, and only when its authserv-id is `trustedAuthservId` (default CLOUDFLARE_AUTHSERV_ID):
 * that is the one Cloudflare's receiving server added on top of everything the sender wrote.
 * Headers below it are the sender's (or earlier hops') words and are ignored, whatever id they
 * claim. Verified by, in this order: `dmarc=pass` for the From domain; `dkim=pass` with an aligned
 * `header.d`; `spf=pass` with an aligned `smtp.mailfrom`. A `dmarc=fail` is never overridden. More
 * than one header with the trusted id is `ambiguous` (RFC 8601 section 5 has the border server remove
 * forgeries of its own id; two mean one was not removed), and so is not verified.
 */
export function senderAuthentication(
  headers: readonly HeaderField[],
  fromAddress: string | undefined,
  { trustedAuthservId = CLOUDFLARE_AUTHSERV_ID }: { trustedAuthservId?: string } = {},
): SenderAuthentication {
  const fields = headers.filter((h) => h.key.toLowerCase() === 'authentication-results');
  const trusted = trustedAuthservId.toLowerCase();
  const [top] = fields;
  if (!top) return { verified: false, reason: 'no_trusted_header', results: [] };
  const parsed = parseAuthenticationResults(top.value);
  if (!parsed) {
    // A broken header that claims the trusted id is reported as such (it should never happen).
    const claimsTrusted = top.value.trim().replace(/^"/, '').toLowerCase().startsWith(trusted);
    return { verified: false, reason: claimsTrusted ? 'unparsable' : 'no_trusted_header', results: [] };
  }
  if (parsed.authservId !== trusted) return { verified: false, reason: 'no_trusted_header', results: [] };
  const claimsTrustedId = fields.filter(
    (f) => parseAuthenticationResults(f.value)?.authservId === trusted,
  ).length;
  if (claimsTrustedId > 1) return { verified: false, reason: 'ambiguous', results: parsed.results };
  const results = parsed.results;
  const fromDomain = domainOf(fromAddress);
  if (!fromDomain) return { verified: false, reason: 'no_from_domain', results };
  const of = (method: string) => results.filter((r) => r.method === method);
  if (of('dmarc').some((r) => r.result === 'fail'))
    return { verified: false, reason: 'dmarc_failed', results };
  const dmarc = of('dmarc').find(
    (r) => r.result === 'pass' && domainOf(r.properties['header.from']) === fromDomain,
  );
  if (dmarc) return { verified: true, evidence: `dmarc=pass header.from=${fromDomain}`, results };
  for (const r of of('dkim')) {
    const d = domainOf(r.properties['header.d'] ?? r.properties['header.i']);
    if (r.result === 'pass' && d && aligned(fromDomain, d)) {
      return { verified: true, evidence: `dkim=pass header.d=${d}`, results };
    }
  }
  for (const r of of('spf')) {
    const d = domainOf(r.properties['smtp.mailfrom']);
    if (r.result === 'pass' && d && aligned(fromDomain, d)) {
      return { verified: true, evidence: `spf=pass smtp.mailfrom=${d}`, results };
    }
  }
  return { verified: false, reason: 'no_aligned_pass', results };
}
