import type { Clock } from '../clock.js';
import { recordingFieldFor, RECORDING_UNIQUE_FIELDS, ValueTooLongError, type Recording, type RecordingRepository } from '../storage/index.js';
import { encodeCav } from './cav-encoder.js';
import { cavMetadata, type CavSegment } from './cav-metadata.js';
import { concatSources } from './concat-sources.js';
import { convertSource } from './convert-source.js';
import type { EncodedMedia } from './encoded-media.js';
import type { ExportEncoding } from './media-format.js';
import { MediaExportError } from './media-export-error.js';
import { encodeMp3 } from './mp3-encoder.js';
import type { PcmFormat, PcmSource } from './pcm-source.js';
import { openRecordingAudio, type RecordingAudio, type RecordingFileSource } from './recording-audio.js';
import { encodeVox } from './vox-encoder.js';
import { encodeWav } from './wav-encoder.js';
import { zipArchive } from './zip-archive.js';

/** An export ready to be sent: its name, its bytes (not yet encoded), the MEDIA_FORMAT asked and the recordings in it. */
export interface ExportFile {
  readonly fileName: string;
  /** The MEDIA_FORMAT of its audio (a ZIP's entries are in it). */
  readonly format: ExportEncoding['format'];
  readonly media: EncodedMedia;
  readonly recordings: readonly Recording[];
}

/** What the exporter needs. */
export interface RecordingExporterDeps {
  readonly recordings: Pick<RecordingRepository, 'findLatestBy'>;
  /** config `recordings.path`, against which relative file names resolve. */
  readonly recordingsPath: string;
  readonly clock: Clock;
  /** Where a file that is not on this machine is copied from (a cluster's remote recorder cores); none: it is missing. */
  readonly elsewhere?: RecordingFileSource;
}

/**
 * Finds recordings and turns their audio into export files — one recording
 * (EXPORT, EMAIL), several joined into one (COMBINEDEXPORT, COMBINEDEMAIL)
 * or several in a ZIP (MULTIEXPORT, EMAIL with several IDENTs). Lookups and
 * file checks happen here, before anything is sent, so a client gets
 * API_FILE_NOT_FOUND (or API_COMMAND_NOT_SUPPORTED for a recording that is
 * not WAV audio) rather than a truncated download. Encoding happens
 * later, as the file is read.
 */
export class RecordingExporter {
  constructor(private readonly deps: RecordingExporterDeps) {}

  /**
   * The most recent recording whose UNIQUEFIELD column equals UNIQUEID, opened.
   * @throws MediaExportError bad-request for a column the manual does not list, not-found otherwise
   */
  async findByUniqueField(field: string, value: string): Promise<RecordingAudio> {
    const column = recordingFieldFor(field);
    if (column === undefined) {
      throw new MediaExportError('bad-request', `UNIQUEFIELD '${field}' is not a Recording column; use one of ${RECORDING_UNIQUE_FIELDS.join(', ')}`);
    }
    const recording = await this.lookup(column, value);
    if (!recording) throw new MediaExportError('not-found', `no recording has ${field} = '${value}'`);
    return openRecordingAudio(recording, this.deps.recordingsPath, this.deps.elsewhere);
  }

  /**
   * Each of `values` looked up in `field` (IDENT unless given), duplicates
   * dropped, in the order given; every one that is missing is named.
   */
  async findAll(values: readonly string[], field = 'ident'): Promise<RecordingAudio[]> {
    const wanted = [...new Set(values)];
    const column = recordingFieldFor(field);
    if (column === undefined) {
      throw new MediaExportError('bad-request', `'${field}' is not a Recording column; use one of ${RECORDING_UNIQUE_FIELDS.join(', ')}`);
    }
    const found = await Promise.all(wanted.map((value) => this.lookup(column, value)));
    const missing = wanted.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) {
      const label = column === 'ident' ? 'IDENT' : field;
      throw new MediaExportError('not-found', `no recording with ${label} ${missing.join(', ')}`);
    }
    const opened = await Promise.allSettled(found.map((recording) => openRecordingAudio(recording!, this.deps.recordingsPath, this.deps.elsewhere)));
    const failures = opened.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    if (failures.length > 0) {
      const unexpected = failures.find((err) => !(err instanceof MediaExportError));
      if (unexpected) throw unexpected;
      const reasons = new Set(failures.map((err) => (err as MediaExportError).reason));
      throw new MediaExportError(reasons.size === 1 ? [...reasons][0]! : 'not-found', failures.map((err) => (err as MediaExportError).message).join('; '));
    }
    return opened.map((outcome) => (outcome as PromiseFulfilledResult<RecordingAudio>).value);
  }

  /** One recording in `encoding`. */
  exportOne(audio: RecordingAudio, encoding: ExportEncoding): ExportFile {
    const source = audio.wav.source();
    const media = this.encode(source, encoding, [{ recording: audio.recording, frames: source.frames }]);
    return { fileName: `${audio.recording.ident}.${media.extension}`, format: encoding.format, media, recordings: [audio.recording] };
  }

  /**
   * Several recordings as one file, in recording-time order. They are
   * brought to a common format first: the highest sample rate among them,
   * and stereo if any of them is stereo (a mono recording then plays on
   * both sides), so nothing recorded is lost; the result is exactly as long
   * as the parts together.
   */
  exportCombined(audios: readonly RecordingAudio[], encoding: ExportEncoding): ExportFile {
    const ordered = [...audios].sort((a, b) => a.recording.recording_time - b.recording.recording_time || a.recording.ident - b.recording.ident);
    const format: PcmFormat = {
      sampleRate: Math.max(...ordered.map((a) => a.wav.info.sampleRate)),
      channels: Math.max(...ordered.map((a) => a.wav.info.channels)),
    };
    const parts = ordered.map((audio) => convertSource(audio.wav.source(), format));
    const media = this.encode(concatSources(parts, format), encoding, ordered.map((audio, i) => ({ recording: audio.recording, frames: parts[i]!.frames })));
    const recordings = ordered.map((audio) => audio.recording);
    return { fileName: `combined-${recordings[0]!.ident}-${recordings.length}.${media.extension}`, format: encoding.format, media, recordings };
  }

  /** Several recordings, each in `encoding`, in one ZIP (entries named `<IDENT>.<format>`, in the order asked). */
  exportZip(audios: readonly RecordingAudio[], encoding: ExportEncoding): ExportFile {
    const files = audios.map((audio) => this.exportOne(audio, encoding));
    const media = zipArchive(files.map((file, i) => ({ name: file.fileName, media: file.media, modified: new Date(audios[i]!.recording.recording_time) })));
    const recordings = audios.map((audio) => audio.recording);
    return { fileName: `recordings-${recordings[0]!.ident}-${recordings.length}.zip`, format: encoding.format, media, recordings };
  }

  /** findLatestBy, where a value longer than its column simply matches nothing. */
  private async lookup(column: string, value: string): Promise<Recording | undefined> {
    try {
      return await this.deps.recordings.findLatestBy(column, value);
    } catch (err) {
      if (err instanceof ValueTooLongError) return undefined;
      throw err;
    }
  }

  private encode(source: PcmSource, encoding: ExportEncoding, segments: readonly CavSegment[]): EncodedMedia {
    switch (encoding.format) {
      case 'wav':
        return encodeWav(source);
      case 'mp3':
        return encodeMp3(source);
      case 'vox':
        return encodeVox(source, encoding.voxSampleRate ?? 8000);
      case 'cav': {
        const wav = encodeWav(source);
        const metadata = cavMetadata(segments, source.format, wav.byteLength!, this.deps.clock.now());
        return encodeCav(wav, metadata, encoding.password);
      }
    }
  }
}
