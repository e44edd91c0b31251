import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.js';

/**
 * Status kept for the status functions and for operators: recorder channels
 * (CHANNELS), agent windows (AGENTWINDOW) and the audit log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  await db.schema
    .createTable('channels')
    .addColumn('core_ident', 'integer', (c) => c.notNull())
    .addColumn('channel_id', 'integer', (c) => c.notNull())
    .addColumn('state', 'varchar(32)', (c) => c.notNull())
    .addColumn('playback_extension', 'varchar(64)')
    .addColumn('recording_device', 'varchar(64)')
    .addColumn('recording_device_alias', 'varchar(15)')
    .addColumn('last_state_change', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('channels_pk', ['core_ident', 'channel_id'])
    .execute();

  await db.schema
    .createTable('agent_windows')
    .addColumn('computer_name', 'varchar(255)', (c) => c.primaryKey().notNull())
    .addColumn('username', 'varchar(255)')
    .addColumn('domain', 'varchar(255)')
    .addColumn('ip_address', 'varchar(255)')
    .addColumn('status', 'varchar(255)')
    .addColumn('application_title', 'varchar(255)')
    .addColumn('last_update', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agent_windows_username').on('agent_windows').column('username').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', ...idColumn(dialect, 'bigint'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('who', 'varchar(255)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('remote_address', 'varchar(64)')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('agent_windows').execute();
  await db.schema.dropTable('channels').execute();
}
