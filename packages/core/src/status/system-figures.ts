import { freemem, totalmem, uptime } from 'node:os';
import { statfsOfNearest } from './disk-space-guard.js';
import { readProcessors, type ProcessorFigures } from './processors.js';

/** What SYSTEMSTATUS reports of this host, measured when asked. */
export interface SystemFigures {
  readonly recordingPath: string;
  /** Capacity and free space of the filesystem holding the recordings, in MB. */
  readonly diskCapacityMb: number;
  readonly diskFreeMb: number;
  readonly uptimeSeconds: number;
  readonly processors: readonly ProcessorFigures[];
  readonly ramTotalMb: number;
  readonly ramFreeMb: number;
}

const MB = 1024 * 1024;

/**
 * Reads the figures of this host: disk of the recordings path (the nearest
 * existing ancestor while the directory is not made yet), processors (see
 * readProcessors), memory, uptime.
 */
export async function measureSystem(recordingPath: string): Promise<SystemFigures> {
  const disk = await statfsOfNearest(recordingPath);
  return {
    recordingPath,
    diskCapacityMb: Math.floor((disk.blocks * disk.bsize) / MB),
    diskFreeMb: Math.floor((disk.bavail * disk.bsize) / MB),
    uptimeSeconds: Math.floor(uptime()),
    processors: await readProcessors(),
    ramTotalMb: Math.floor(totalmem() / MB),
    ramFreeMb: Math.floor(freemem() / MB),
  };
}

/** "0 days, 18 hours, 24 minutes, 37 seconds." as the manual prints SYSTEMUPTIME. */
export function describeUptime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${days} days, ${hours} hours, ${minutes} minutes, ${seconds % 60} seconds.`;
}
