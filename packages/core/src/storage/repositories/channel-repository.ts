import type { Kysely, Selectable } from 'kysely';
import { fit } from '../column-sizes.js';
import type { ChannelTable, Database } from '../schema.js';

/** A recorder channel of one core, as CHANNELS reports it. */
export type Channel = Selectable<ChannelTable>;

/** A channel to write; what is omitted is stored empty. */
export type ChannelWrite = Pick<Channel, 'core_ident' | 'channel_id' | 'state' | 'last_state_change'> &
  Partial<Pick<Channel, 'playback_extension' | 'recording_device' | 'recording_device_alias'>>;

const CHANNEL_COLUMNS = [
  'core_ident', 'channel_id', 'state', 'playback_extension', 'recording_device', 'recording_device_alias', 'last_state_change',
] as const;

/** Channel states of every core, keyed by (COREIDENT, channel ID). */
export class ChannelRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Add or replace the state of one channel. */
  async upsert(channel: ChannelWrite): Promise<void> {
    await this.upsertMany([channel]);
  }

  /** Add or replace several channels in one transaction (a core reporting all its channels). */
  async upsertMany(channels: readonly ChannelWrite[]): Promise<void> {
    if (channels.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const channel of channels) {
        const row = fit('channels', {
          playback_extension: null,
          recording_device: null,
          recording_device_alias: null,
          ...channel,
        });
        const { core_ident: _core, channel_id: _id, ...changes } = row;
        await trx
          .insertInto('channels')
          .values(row)
          .onConflict((oc) => oc.columns(['core_ident', 'channel_id']).doUpdateSet(changes))
          .execute();
      }
    });
  }

  /** All channels, or those of one core, ordered by core then channel. */
  async list(coreIdent?: number): Promise<Channel[]> {
    let query = this.db.selectFrom('channels').select(CHANNEL_COLUMNS).orderBy('core_ident').orderBy('channel_id');
    if (coreIdent !== undefined) query = query.where('core_ident', '=', coreIdent);
    return query.execute();
  }

  /** Forget every channel of a core (it was removed from the configuration); returns how many. */
  async removeCore(coreIdent: number): Promise<number> {
    const result = await this.db.deleteFrom('channels').where('core_ident', '=', coreIdent).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
