import { isAbsolute, join } from 'node:path';
import { WavFormatError } from '@callwire/plugin-kit';
import type { Recording } from '../storage/index.js';
import { MediaExportError } from './media-export-error.js';
import { WavFile } from './wav-file.js';

/** A recording and its audio file, opened and checked. */
export interface RecordingAudio {
  readonly recording: Recording;
  readonly wav: WavFile;
}

/**
 * Where a recording's audio can be read when its file is not on this
 * machine (a recorder core on another one wrote it): the path of a local
 * copy, or undefined when there is none to be had.
 * @throws MediaExportError('not-found') naming why the copy cannot be made
 */
export type RecordingFileSource = (recording: Recording) => Promise<string | undefined>;

/** The media type exports read; a row without one was written before types were stored, when every file read was WAV. */
const WAV = 'audio/wav';

/**
 * Opens the audio of a stored recording. The Recording row's `filename` is
 * absolute as the recorder wrote it, or relative to `recordings.path`; a
 * file that is not there is asked of `elsewhere` (when given) for a copy.
 * @throws MediaExportError('not-supported') when the recording's media type
 *   (as its core declared it) is not audio/wav; 'not-found' when the
 *   recording has no finished, readable WAV file, here or `elsewhere`
 */
export async function openRecordingAudio(recording: Recording, recordingsPath: string, elsewhere?: RecordingFileSource): Promise<RecordingAudio> {
  const ident = recording.ident;
  const mediaType = recording.media_type ?? WAV;
  if (mediaType !== WAV) {
    throw new MediaExportError('not-supported', `recording ${ident} holds ${mediaType}, not audio: EXPORT converts only WAV (${WAV}) recordings`);
  }
  if (recording.state === 'open') throw new MediaExportError('not-found', `recording ${ident} is still being recorded; export it after it stops`);
  if (!recording.filename) throw new MediaExportError('not-found', `recording ${ident} has no audio file`);
  const path = isAbsolute(recording.filename) ? recording.filename : join(recordingsPath, recording.filename);
  try {
    return { recording, wav: await WavFile.open(path) };
  } catch (err) {
    const copy = elsewhere && isMissing(err) ? await elsewhere(recording) : undefined;
    if (copy === undefined) throw notReadable(err, ident);
    return { recording, wav: await WavFile.open(copy).catch((again: unknown) => Promise.reject(notReadable(again, ident))) };
  }
}

/** The error an export answers for a file that cannot be opened. */
function notReadable(err: unknown, ident: number): unknown {
  if (err instanceof WavFormatError) return new MediaExportError('not-found', `the audio file of recording ${ident} cannot be read: ${err.message}`);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EACCES') {
    return new MediaExportError('not-found', `the audio file of recording ${ident} is missing`);
  }
  return err;
}

/** Whether the file is simply not at its path on this machine (rather than there and unreadable). */
const isMissing = (err: unknown) => ['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '');
