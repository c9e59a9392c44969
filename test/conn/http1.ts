import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';

/** What one HTTP/1.1 exchange returned, and which socket carried it. */
export type Exchange = { status: number; headers: Record<string, string>; body: string; socket: Socket };

/** A keep-alive agent with one socket: every request through it shares one TCP connection when it can. */
export function oneConnectionAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, timeout: 10_000 });
}

/**
 * Sends one request through `agent`; `body` chunks are written one by one (no Content-Length
 * unless given in `headers`, so node sends them chunked). Resolves with the status, headers, body
 * text and the socket that carried it.
 */
export function exchange(
  agent: Agent,
  url: string,
  { method = 'GET', headers = {}, body = [] as Uint8Array[] } = {},
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method, headers, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(
            Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
          ),
          body: Buffer.concat(chunks).toString('utf8'),
          socket: req.socket as Socket,
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    // The server may answer (413) before the body is written; a reset while writing is not the test's concern.
    req.on('error', reject);
    for (const chunk of body) req.write(chunk);
    req.end();
  });
}
