import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.js';

/**
 * The Recording table (columns as listed under UNIQUEFIELD in the manual,
 * sizes from "Data Type Values") and the call detail records (SMDR/CDR)
 * received from PBXs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  let recordings = db.schema
    .createTable('recordings')
    .addColumn('ident', ...idColumn(dialect, 'bigint'))
    .addColumn('agent_id', 'integer')
    .addColumn('ani', 'varchar(20)')
    .addColumn('archive_action_id', 'bigint')
    .addColumn('audio_hash', 'varchar(64)')
    .addColumn('audio_size', 'bigint')
    .addColumn('calldirection', 'varchar(1)')
    .addColumn('callid', 'varchar(30)')
    .addColumn('channel', 'integer')
    .addColumn('device_alias', 'varchar(15)')
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('dnis', 'varchar(20)')
    .addColumn('duration', 'integer')
    .addColumn('filename', 'varchar(255)')
    .addColumn('filename_video', 'varchar(255)')
    .addColumn('gate', 'varchar(20)')
    .addColumn('globalid', 'varchar(64)')
    .addColumn('keepdays', 'integer')
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('listenedto', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('media_label', 'varchar(255)')
    .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('priority', 'integer')
    .addColumn('qa_forms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('qa_group_id', 'integer')
    .addColumn('qa_poss_score', 'integer')
    .addColumn('qa_score', 'integer')
    .addColumn('recording_time', 'bigint', (c) => c.notNull())
    .addColumn('recording_type', 'varchar(20)')
    .addColumn('screen_capture', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sgroup', 'varchar(20)');
  for (let n = 1; n <= 15; n++) {
    const size = n <= 3 ? 20 : n <= 8 ? 255 : 50;
    recordings = recordings.addColumn(`user${n}`, `varchar(${size})`);
  }
  await recordings
    .addColumn('video_hash', 'varchar(64)')
    .addColumn('video_size', 'bigint')
    .addColumn('wrap_duration', 'integer')
    .addColumn('call_instance', 'varchar(64)')
    .addColumn('core_ident', 'integer')
    .addColumn('crm_user', 'varchar(50)')
    .addColumn('sys_user', 'varchar(255)')
    .addColumn('station_name', 'varchar(50)')
    .addColumn('start_time', 'bigint', (c) => c.notNull())
    .addColumn('stop_time', 'bigint')
    .addColumn('state', 'varchar(12)', (c) => c.notNull().defaultTo('open'))
    .addColumn('blackouts', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  // CALLLIST: newest first, optionally for one device, or by ANI/DNIS/CALLID/agent.
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('recordings').columns(columns).execute();
  await index('recordings_time', ['recording_time desc']);
  await index('recordings_device_time', ['device_id', 'recording_time desc']);
  await index('recordings_ani', ['ani']);
  await index('recordings_dnis', ['dnis']);
  await index('recordings_callid', ['callid']);
  await index('recordings_agent', ['agent_id']);
  await index('recordings_state', ['state']);

  await db.schema
    .createTable('call_details')
    .addColumn('id', ...idColumn(dialect, 'bigint'))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('device_id', 'varchar(64)')
    .addColumn('call_id', 'varchar(64)')
    .addColumn('start_time', 'bigint')
    .addColumn('duration', 'integer')
    .addColumn('ani', 'varchar(64)')
    .addColumn('dnis', 'varchar(64)')
    .addColumn('direction', 'varchar(1)')
    .addColumn('account_code', 'varchar(64)')
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('recording_ident', 'bigint', (c) => c.references('recordings.ident').onDelete('set null'))
    .execute();
  await db.schema.createIndex('call_details_device_time').on('call_details').columns(['device_id', 'start_time']).execute();
  await db.schema.createIndex('call_details_received').on('call_details').column('received_at').execute();
  await db.schema.createIndex('call_details_recording').on('call_details').column('recording_ident').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('call_details').execute();
  await db.schema.dropTable('recordings').execute();
}
