/**
 * Media export: reading recorded WAV files and turning them, as streams,
 * into WAV, MP3, VOX (Dialogic ADPCM), CAV archives and ZIPs. No sockets or
 * HTTP here; transports pipe the EncodedMedia where they need it.
 */
export type { PcmFormat, PcmSource } from './pcm-source.js';
export { durationMs } from './pcm-source.js';
export { WavFile } from './wav-file.js';
export { resample, resampledFrames } from './resampler.js';
export { convertSource, remapChannels } from './convert-source.js';
export { concatSources } from './concat-sources.js';
export { streamOf, type EncodedMedia } from './encoded-media.js';
export { exactFrames, int16Bytes } from './pcm-bytes.js';
export { encodeWav } from './wav-encoder.js';
export { encodeMp3, mp3BitrateKbps } from './mp3-encoder.js';
export { lameFrameCount, LAME_ENCODER_DELAY } from './lame-frame-count.js';
export { parseMp3FrameHeader, MP3_SAMPLE_RATES, type Mp3FrameHeader, type MpegVersion } from './mp3-frame-header.js';
export { mp3InfoFrame, crc16, type Mp3StreamFacts } from './mp3-info-frame.js';
export { DialogicAdpcmEncoder, DialogicAdpcmDecoder } from './dialogic-adpcm.js';
export { encodeVox, VOX_SAMPLE_RATES, type VoxSampleRate } from './vox-encoder.js';
export { CAV_MAGIC, CAV_VERSION, CAV_SCRYPT, CavMode, type CavMetadata, type CavRecording } from './cav-format.js';
export { encodeCav } from './cav-encoder.js';
export { readCav, CavError, type CavContents } from './cav-reader.js';
export { cavMetadata, type CavSegment } from './cav-metadata.js';
export { zipArchive, type ArchiveEntry } from './zip-archive.js';
export { MEDIA_FORMATS, mediaFormatOf, voxSampleRateOf, type MediaFormat, type ExportEncoding } from './media-format.js';
export { MediaExportError } from './media-export-error.js';
export { openRecordingAudio, type RecordingAudio, type RecordingFileSource } from './recording-audio.js';
export { RecordingExporter, type ExportFile, type RecordingExporterDeps } from './recording-exporter.js';
