import type { Station, StationRepository } from '../storage/index.js';

/**
 * IMPORTWORKSTATION: station-to-device mappings. Each station name and each
 * DEVICEID appears in at most one mapping; CALLSTART by STATIONNAME reads them.
 */
export class Workstations {
  constructor(private readonly stations: StationRepository) {}

  /**
   * Maps a station to a device: any mapping holding either the DEVICEID or
   * the STATIONNAME is deleted, then the new one added, in one transaction.
   * @returns the mapping as stored
   */
  map(deviceId: string, stationName: string, locationId: number): Promise<Station> {
    return this.stations.replace(deviceId, stationName, locationId);
  }

  /** The DEVICEID stored for a station now, if any. */
  async deviceOf(stationName: string): Promise<string | undefined> {
    return (await this.stations.byStation(stationName))?.device_id;
  }
}
