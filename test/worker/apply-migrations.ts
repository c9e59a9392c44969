import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { ALL_DATABASES } from '../../worker/db/databases';

// Each test file gets fresh D1s: the control database and every data database, one schema for all.
for (const name of ALL_DATABASES) await applyD1Migrations(env[name], env.TEST_MIGRATIONS);
