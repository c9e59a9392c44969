import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { type AgentRow, agents, agentTokens, type Desk, desks } from './schema';

/** An agent token row with its (active) agent and desk, looked up by the token's SHA-256 hex. */
export async function findAgentByTokenHash(db: Db, tokenHash: string) {
  const rows = await db
    .select({
      tokenHash: agentTokens.tokenHash,
      revokedAt: agentTokens.revokedAt,
      agent: agents,
      desk: desks,
    })
    .from(agentTokens)
    .innerJoin(agents, eq(agents.id, agentTokens.agentId))
    .innerJoin(desks, eq(desks.id, agents.deskId))
    .where(and(eq(agentTokens.tokenHash, tokenHash), isNull(agents.deactivatedAt)))
    .limit(1);
  return rows[0] as { tokenHash: string; revokedAt: number | null; agent: AgentRow; desk: Desk } | undefined;
}

/** The desk's active agents by name. */
export function listAgents(db: Db, deskId: string) {
  return db
    .select()
    .from(agents)
    .where(and(eq(agents.deskId, deskId), isNull(agents.deactivatedAt)))
    .orderBy(asc(agents.name));
}

/** An active agent of the desk, or undefined. */
export async function findAgent(db: Db, deskId: string, id: string): Promise<AgentRow | undefined> {
  const rows = await db
    .select()
    .from(agents)
    .where(and(eq(agents.deskId, deskId), eq(agents.id, id), isNull(agents.deactivatedAt)))
    .limit(1);
  return rows[0];
}

/** Active agents of the desk in a team (e.g. `security`, told at once of a security incident). */
export async function agentsInTeam(db: Db, deskId: string, team: string): Promise<AgentRow[]> {
  const all = await listAgents(db, deskId);
  return all.filter((a) => a.teams.includes(team as AgentRow['teams'][number]));
}
