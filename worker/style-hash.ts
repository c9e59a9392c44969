const hashes = new Map<string, Promise<string>>();

/** The CSP source (`'sha256-…'`) that allows one inline stylesheet, computed once per isolate. */
export function styleHash(css: string): Promise<string> {
  let hash = hashes.get(css);
  if (!hash) {
    hash = crypto.subtle.digest('SHA-256', new TextEncoder().encode(css)).then((digest) => {
      const b64 = btoa(String.fromCharCode(...new Uint8Array(digest)));
      return `'sha256-${b64}'`;
    });
    hashes.set(css, hash);
  }
  return hash;
}
