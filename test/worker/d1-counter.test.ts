import { env, exports } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { countingD1, d1Counter, resetD1Counter as reset, withD1Counter } from '../../worker/dev/d1-counter';

describe('the development D1 counter (capacity bench)', () => {
  afterEach(reset);

  it('counts each statement and round trip, batches included, and the batch still runs atomically', async () => {
    reset();
    const db = getDb(countingD1(env.DB, 'queue'));
    await db.run(sql`create table if not exists counter_probe (id text primary key)`);
    await db.batch([
      db.run(sql`insert into counter_probe (id) values ('a')`),
      db.run(sql`insert into counter_probe (id) values ('b')`),
    ]);
    const rows = await db.all<{ id: string }>(sql`select id from counter_probe order by id`);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(d1Counter).toEqual({
      statements: 4,
      roundTrips: 3,
      byEntry: { queue: { statements: 4, roundTrips: 3 } },
    });
    // A failing statement rolls the batch back, as without the counter.
    await expect(
      db.batch([
        db.run(sql`insert into counter_probe (id) values ('c')`),
        db.run(sql`insert into counter_probe (id) values ('a')`),
      ]),
    ).rejects.toThrow();
    expect((await db.all(sql`select id from counter_probe`)).length).toBe(2);
  });

  it('is off unless development asks for it: env passes through unchanged and the route is a 404', async () => {
    expect(withD1Counter(env, 'fetch')).toBe(env);
    expect(withD1Counter({ ...env, D1_QUERY_COUNTER: 'on', ENVIRONMENT: 'production' }, 'fetch').DB).toBe(
      env.DB,
    );
    expect(withD1Counter({ ...env, D1_QUERY_COUNTER: 'on' }, 'fetch').DB).not.toBe(env.DB);
    expect((await exports.default.fetch('http://x/v1/dev/d1-queries')).status).toBe(404);
  });
});
