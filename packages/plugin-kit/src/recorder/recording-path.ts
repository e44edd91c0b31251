import { join } from 'node:path';

const two = (n: number) => String(n).padStart(2, '0');

/** A DEVICEID as a single path segment: separators and other unsafe characters become `_`. */
export function deviceDirName(deviceId: string): string {
  const safe = deviceId.replace(/[^\w.+#@-]/g, '_');
  return safe === '' || /^\.+$/.test(safe) ? safe.replace(/\./g, '_') || '_' : safe;
}

/**
 * The directory of a device's recordings of one day: `<root>/YYYYMMDD/<device>`,
 * in the server's local time, as people browsing the folder expect.
 */
export function recordingDirectory(root: string, deviceId: string, startedAt: number): string {
  const t = new Date(startedAt);
  return join(root, `${t.getFullYear()}${two(t.getMonth() + 1)}${two(t.getDate())}`, deviceDirName(deviceId));
}

/**
 * Where a recording of `deviceId` started at `startedAt` goes:
 * `<root>/YYYYMMDD/<device>/<device>-HH-MM-SS.<extension>`. Two recordings
 * in the same second get a suffix from the WAV writer.
 */
export function recordingPath(root: string, deviceId: string, startedAt: number, extension = 'wav'): string {
  const t = new Date(startedAt);
  const name = `${deviceDirName(deviceId)}-${two(t.getHours())}-${two(t.getMinutes())}-${two(t.getSeconds())}.${extension}`;
  return join(recordingDirectory(root, deviceId, startedAt), name);
}
