import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import { MigrationError, toStorageError } from '../errors.js';
import * as directory from './0001_directory.js';
import * as recordings from './0002_recordings.js';
import * as status from './0003_status.js';
import * as builtinAdmin from './0004_builtin_admin.js';
import * as recordingMediaType from './0005_recording_media_type.js';

/**
 * Every schema migration, by name; applied in name order. Add a new module
 * with the next number to change the schema — never edit one that shipped.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_directory': directory,
  '0002_recordings': recordings,
  '0003_status': status,
  '0004_builtin_admin': builtinAdmin,
  '0005_recording_media_type': recordingMediaType,
};

/** Hands Kysely's Migrator the migrations compiled into this package (no filesystem scanning). */
export class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Readonly<Record<string, Migration>> = MIGRATIONS) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ ...this.migrations });
  }
}

/**
 * Apply every pending migration. Idempotent: applied migrations are recorded
 * in `kysely_migration` and skipped.
 *
 * @param options.schema PostgreSQL schema holding the migration tables
 *   (Kysely's table lookup would otherwise see those of other schemas)
 * @param options.migrations the migrations to apply; default {@link MIGRATIONS}
 * @returns names of the migrations applied by this call
 * @throws MigrationError naming the failed migration, or StorageError when
 *   the database could not be used at all
 */
export async function migrateToLatest(
  db: Kysely<any>,
  options: { schema?: string; migrations?: Readonly<Record<string, Migration>> } = {},
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(options.migrations),
    ...(options.schema !== undefined ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result: MigrationResult) => result.status === 'Error');
  if (failed !== undefined) throw new MigrationError(failed.migrationName, error);
  if (error !== undefined) throw toStorageError(error);
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
