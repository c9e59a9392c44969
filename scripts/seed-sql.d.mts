/** Types of scripts/seed-sql.mjs for the worker tests. */
export declare const DEMO: {
  tenantId: string;
  slug: string;
  name: string;
  widgetKey: string;
  agentToken: string;
  agentName: string;
  identitySecret: string;
  contact: string;
  origins: string[];
};
export declare const STANDARD_COVERAGE_JSON: unknown;
export declare function sha256Hex(text: string): Promise<string>;
export declare function demoSeedSql(origins?: string[]): Promise<string>;
export declare function benchSeedSql(keys: number): Promise<string>;
export declare const DEMO_DATABASE: string;
export declare function demoDirectorySql(database?: string): Promise<string>;
export declare function demoSeed(
  origins?: string[],
  database?: string,
): Promise<{ data: string; directory: string; database: string }>;
export declare function placedBenchSeed(opts: {
  slug: string;
  database: string;
  keys?: number;
  organisations?: number;
}): Promise<{ data: string; directory: string; database: string }>;
