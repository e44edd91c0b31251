import pg from 'pg';

/** The PostgreSQL the tests use (`CALLWIRE_TEST_PG_URL`). */
export const TEST_PG_URL = process.env['CALLWIRE_TEST_PG_URL'] ?? 'postgres://callwire:callwire@127.0.0.1:5432/callwire_test';

/**
 * A client of the test PostgreSQL, or undefined (with a note) when it cannot
 * be reached — the caller skips; with CALLWIRE_REQUIRE_PG=1 that is an error.
 */
export async function connectTestPostgres(): Promise<pg.Client | undefined> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return client;
  } catch (err) {
    if (process.env['CALLWIRE_REQUIRE_PG'] === '1') throw err;
    console.log(`      note: PostgreSQL at ${TEST_PG_URL} is not reachable (${(err as Error).message}); skipping`);
    return undefined;
  }
}
