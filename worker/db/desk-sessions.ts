import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { type AgentRow, agents, type Desk, deskSessions, deskSignInTokens, desks } from './schema';

/** A session row about to be written (its id and hash made by worker/desk/session.ts). */
export type NewDeskSession = { id: string; idHash: string; agentId: string; now: number; idleMs: number };

/** Stores a new console session. */
export async function insertDeskSession(db: Db, s: NewDeskSession): Promise<void> {
  await db.insert(deskSessions).values({
    id: s.id,
    idHash: s.idHash,
    agentId: s.agentId,
    createdAt: s.now,
    lastSeenAt: s.now,
    idleExpiresAt: s.now + s.idleMs,
  });
}

/** A live session (not revoked, not idle past its expiry) with its active agent and desk, by the id's hash. */
export async function findLiveDeskSession(db: Db, idHash: string, now: number) {
  const rows = await db
    .select({ session: deskSessions, agent: agents, desk: desks })
    .from(deskSessions)
    .innerJoin(agents, eq(agents.id, deskSessions.agentId))
    .innerJoin(desks, eq(desks.id, agents.deskId))
    .where(
      and(
        eq(deskSessions.idHash, idHash),
        isNull(deskSessions.revokedAt),
        gt(deskSessions.idleExpiresAt, now),
        isNull(agents.deactivatedAt),
      ),
    )
    .limit(1);
  return rows[0] as { session: typeof deskSessions.$inferSelect; agent: AgentRow; desk: Desk } | undefined;
}

/** Moves a live session's idle expiry on (the agent was just seen). */
export async function touchDeskSession(db: Db, id: string, now: number, idleMs: number): Promise<void> {
  await db
    .update(deskSessions)
    .set({ lastSeenAt: now, idleExpiresAt: now + idleMs })
    .where(and(eq(deskSessions.id, id), isNull(deskSessions.revokedAt)));
}

/** Revokes a session (sign-out); revoking twice keeps the first time. */
export async function revokeDeskSession(db: Db, idHash: string, now: number): Promise<void> {
  await db
    .update(deskSessions)
    .set({ revokedAt: now })
    .where(and(eq(deskSessions.idHash, idHash), isNull(deskSessions.revokedAt)));
}

/** The active agents with this (lower-case) email, one per desk, oldest desk first. */
export function activeAgentsByEmail(db: Db, email: string) {
  return db
    .select({ agent: agents, desk: desks })
    .from(agents)
    .innerJoin(desks, eq(desks.id, agents.deskId))
    .where(and(eq(agents.email, email), isNull(agents.deactivatedAt)))
    .orderBy(asc(desks.createdAt))
    .limit(5);
}

/** Stores a one-time sign-in token (its hash) for an agent. */
export async function insertSignInToken(
  db: Db,
  t: { tokenHash: string; agentId: string; now: number; ttlMs: number },
): Promise<void> {
  await db
    .insert(deskSignInTokens)
    .values({ tokenHash: t.tokenHash, agentId: t.agentId, createdAt: t.now, expiresAt: t.now + t.ttlMs });
}

/**
 * Uses a one-time sign-in token: marks it used and returns its agent id, in one statement, so two
 * concurrent uses of one link cannot both succeed. Undefined when unknown, expired or already used.
 */
export async function consumeSignInToken(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<string | undefined> {
  const rows = await db
    .update(deskSignInTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(deskSignInTokens.tokenHash, tokenHash),
        isNull(deskSignInTokens.usedAt),
        gt(deskSignInTokens.expiresAt, now),
      ),
    )
    .returning({ agentId: deskSignInTokens.agentId });
  return rows[0]?.agentId;
}
