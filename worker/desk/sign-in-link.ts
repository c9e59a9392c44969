import { getDb } from '../db/client';
import { ALL_DATABASES } from '../db/databases';
import { activeAgentsByEmail, insertSignInToken } from '../db/desk-sessions';
import { sendMail } from '../email/outbound';
import { supportDomainOf } from '../email/route';
import type { Env } from '../env';
import { registerEntries } from '../planes/register';
import { randomToken, sha256Hex, toHex } from '../tokens';
import type { DeskLang } from './strings';

/** How long a mailed sign-in link works. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;

const words = {
  en: {
    subject: 'Your sign-in link for the Kinobi Support console',
    body: (name: string, desk: string, link: string) =>
      `Hello ${name},\n\nsign in to the ${desk} agent console with this link. It works once, for 15 minutes:\n\n${link}\n\nIf you did not ask for it, ignore this mail.\n`,
  },
  id: {
    subject: 'Tautan masuk konsol Kinobi Support',
    body: (name: string, desk: string, link: string) =>
      `Halo ${name},\n\nmasuk ke konsol agen ${desk} dengan tautan ini. Tautan hanya berlaku sekali, selama 15 menit:\n\n${link}\n\nJika Anda tidak memintanya, abaikan email ini.\n`,
  },
};

/**
 * Mails a one-time sign-in link to each active agent with this email (one per desk). Nothing is
 * returned or thrown about whether there was one: the caller's answer must not tell. The token is
 * stored as its SHA-256 hex only.
 */
export async function mailSignInLinks(
  env: Env,
  { email, origin, lang, now }: { email: string; origin: string; lang: DeskLang; now: number },
): Promise<void> {
  // An email names no desk, so every database is asked (sign-in is rare; each is one indexed read).
  const found = await Promise.all(
    ALL_DATABASES.map(async (name) => {
      const db = getDb(env[name]);
      return (await activeAgentsByEmail(db, email.trim().toLowerCase())).map((row) => ({ ...row, db }));
    }),
  );
  const rows = found.flat().slice(0, 5);
  const domain = supportDomainOf(env);
  for (const { agent, desk, db } of rows) {
    if (!agent.email) continue;
    const token = randomToken('dsl');
    await registerEntries(env, desk.id, [{ kind: 'sign_in_token', secret: token }], { now });
    await insertSignInToken(db, {
      tokenHash: await sha256Hex(token),
      agentId: agent.id,
      now,
      ttlMs: SIGN_IN_LINK_TTL_MS,
    });
    const link = `${origin}/desk/sign-in/callback?token=${encodeURIComponent(token)}`;
    const w = words[lang];
    await sendMail(env.EMAIL, {
      from: `desk@${domain}`,
      fromName: 'Kinobi Support',
      to: agent.email,
      toName: agent.name,
      replyTo: `desk@${domain}`,
      subject: w.subject,
      text: w.body(agent.name, desk.name, link),
      messageId: `kinobi.signin.${toHex(crypto.getRandomValues(new Uint8Array(8)))}@${domain}`,
      date: new Date(now),
    });
  }
}
