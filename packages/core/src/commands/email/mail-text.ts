import type { ExportFile } from '../../media/index.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import type { Recording } from '../../storage/index.js';

/**
 * Subject and body of a mail carrying an export: which recordings are
 * attached, and for each the device, time, length and parties, so the
 * reader knows what the attachment is without opening it.
 */
export function exportMailText(file: ExportFile, combined: boolean, time: ApiTimeFormat): { subject: string; text: string } {
  const idents = file.recordings.map((recording) => recording.ident).join(', ');
  const subject = file.recordings.length === 1
    ? `Recording ${idents}`
    : `Recordings ${idents}${combined ? ' (combined)' : ''}`;
  const intro = file.recordings.length === 1
    ? `The recording is attached as ${file.fileName}.`
    : combined
      ? `The recordings are attached as one file, ${file.fileName}, one after the other in this order:`
      : `The recordings are attached in ${file.fileName}, one file each:`;
  const lines = file.recordings.map((recording) => `- ${describe(recording, time)}`);
  return { subject, text: `${intro}\n\n${lines.join('\n')}\n\nSent by Callwire.\n` };
}

function describe(recording: Recording, time: ApiTimeFormat): string {
  const parts = [`IDENT ${recording.ident}`, `device ${recording.device_id}${recording.device_alias ? ` (${recording.device_alias})` : ''}`, time.dateTime(recording.recording_time)];
  if (recording.duration !== null) parts.push(`${recording.duration} s`);
  if (recording.ani) parts.push(`ANI ${recording.ani}`);
  if (recording.dnis) parts.push(`DNIS ${recording.dnis}`);
  return parts.join(', ');
}
