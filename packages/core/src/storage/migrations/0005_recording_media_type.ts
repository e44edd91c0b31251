import type { Kysely } from 'kysely';

/**
 * The media type of each recording's file, as the core that wrote it
 * declares it (RecorderCore.mediaType: `audio/wav`, `application/json` …),
 * so EXPORT knows what it holds before reading it. Rows written before this
 * migration keep NULL: they are taken to be `audio/wav`, the only files
 * EXPORT read then, and export as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recordings').addColumn('media_type', 'varchar(100)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recordings').dropColumn('media_type').execute();
}
