import type { Kysely } from 'kysely';
import { fit, fitValue } from '../column-sizes.js';
import type { Database } from '../schema.js';
import { DirectoryChanges } from '../directory-cache.js';

/** A station-to-device mapping (IMPORTWORKSTATION, STATIONS). */
export interface Station {
  station_name: string;
  device_id: string;
  location_id: number | null;
}

const STATION_COLUMNS = ['station_name', 'device_id', 'location_id'] as const;

/** Station mappings: each station name and each device id appears at most once. */
export class StationRepository {
  /** @param changes counts this repository's writes, for the DirectoryCache */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes = new DirectoryChanges(),
  ) {}

  /**
   * IMPORTWORKSTATION: delete any mapping of this device or this station, then
   * add the new one — in one transaction, so both sides stay unique.
   * @returns the mapping as stored
   */
  async replace(deviceId: string, stationName: string, locationId: number | null = null): Promise<Station> {
    const station = fit('stations', { station_name: stationName, device_id: deviceId, location_id: locationId });
    await this.changes.write(() => this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('stations')
        .where((eb) => eb.or([eb('device_id', '=', station.device_id), eb('station_name', '=', station.station_name)]))
        .execute();
      await trx.insertInto('stations').values(station).execute();
    }));
    return station;
  }

  /** The mapping of a station (workstation) name. */
  async byStation(stationName: string): Promise<Station | undefined> {
    return this.db
      .selectFrom('stations')
      .select(STATION_COLUMNS)
      .where('station_name', '=', fitValue('stations', 'station_name', stationName))
      .executeTakeFirst();
  }

  /** The mapping of a device id. */
  async byDevice(deviceId: string): Promise<Station | undefined> {
    return this.db
      .selectFrom('stations')
      .select(STATION_COLUMNS)
      .where('device_id', '=', fitValue('stations', 'device_id', deviceId))
      .executeTakeFirst();
  }

  /** All mappings by station name (STATIONS). */
  async list(): Promise<Station[]> {
    return this.db.selectFrom('stations').select(STATION_COLUMNS).orderBy('station_name').execute();
  }
}
