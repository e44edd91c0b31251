import type { ResultBody, ResultValue } from '@callwire/plugin-api';
import type { TestHost } from './test-host.js';

/**
 * What DEVICESTATUS says of one device: its DEVICE section's fields with the
 * RECORDING section's folded in (`ANI`, `CALLDIRECTION`, `ISRECORDING`,
 * `CALLINSTANCE` …), as text; undefined when the API answers with no device
 * (API_DEVICE_INVALID for a device never seen).
 */
export async function deviceStatus(host: Pick<TestHost, 'request'>, deviceId: string): Promise<Readonly<Record<string, string>> | undefined> {
  const reply = await host.request('DEVICESTATUS', { DEVICEID: deviceId });
  const devices = reply.body?.['DEVICES'] as ResultBody | undefined;
  const [device] = [devices?.['DEVICE'] ?? []].flat() as ResultBody[];
  return device === undefined ? undefined : flatten(device);
}

function flatten(section: ResultBody): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(section)) {
    if (isSection(value)) Object.assign(fields, flatten(value));
    else fields[name] = String(value);
  }
  return fields;
}

function isSection(value: ResultValue): value is ResultBody {
  return typeof value === 'object' && !Array.isArray(value);
}
