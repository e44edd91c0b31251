import { MEDIA_FORMATS, mediaFormatOf, voxSampleRateOf, type ExportEncoding, type MediaFormat } from '../../media/index.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { recordingFieldFor, type RecordingUniqueField } from '../../storage/index.js';
import { ApiError } from '../api-error.js';

/**
 * Reading the parameters shared by the export functions (EXPORT,
 * COMBINEDEXPORT, MULTIEXPORT on the WebAPI) and the email functions. A
 * missing or unknown value is API_INVALID_MESSAGE_FORMAT, as the manual
 * lists for all of them.
 */

/** A parameter that must be sent and not blank. */
export function requireParameter(request: ApiRequest, name: string): string {
  const value = request.nonBlank(name);
  if (value === undefined) throw new ApiError('API_INVALID_MESSAGE_FORMAT', `${request.type} needs ${name}`);
  return value;
}

/**
 * MEDIA_FORMAT (wav, mp3, vox, cav; required unless `fallback` is given)
 * and the options of its format:
 * - SAMPLERATE (VOX only): 6000 or 8000, default 8000;
 * - ENCRYPT=Y with PASSWORD (CAV): encrypt the archive. The manual's own
 *   example sends them with mp3, so for formats other than CAV they are
 *   accepted and have no effect; a CAV with PASSWORD but no ENCRYPT=Y is
 *   refused rather than silently left unencrypted.
 */
export function readEncoding(request: ApiRequest, fallback?: MediaFormat): ExportEncoding {
  const sent = request.nonBlank('MEDIA_FORMAT');
  if (sent === undefined && fallback === undefined) {
    throw new ApiError('API_INVALID_MESSAGE_FORMAT', `${request.type} needs MEDIA_FORMAT (${MEDIA_FORMATS.join(', ')})`);
  }
  const format = sent === undefined ? fallback! : mediaFormatOf(sent);
  if (format === undefined) throw new ApiError('API_INVALID_MESSAGE_FORMAT', `MEDIA_FORMAT '${sent}' is not one of ${MEDIA_FORMATS.join(', ')}`);

  const rate = request.nonBlank('SAMPLERATE');
  if (rate !== undefined && format !== 'vox') throw new ApiError('API_INVALID_MESSAGE_FORMAT', 'SAMPLERATE applies to MEDIA_FORMAT vox only');
  const voxSampleRate = rate === undefined ? undefined : voxSampleRateOf(rate);
  if (rate !== undefined && voxSampleRate === undefined) throw new ApiError('API_INVALID_MESSAGE_FORMAT', `SAMPLERATE '${rate}' must be 6000 or 8000`);

  const encrypt = request.nonBlank('ENCRYPT')?.toUpperCase();
  if (encrypt !== undefined && encrypt !== 'Y' && encrypt !== 'N') throw new ApiError('API_INVALID_MESSAGE_FORMAT', `ENCRYPT must be Y or N, got '${request.get('ENCRYPT')}'`);
  const password = request.get('PASSWORD');
  if (encrypt === 'Y' && !password) throw new ApiError('API_INVALID_MESSAGE_FORMAT', 'ENCRYPT=Y needs a PASSWORD');
  if (format === 'cav' && encrypt !== 'Y' && password) {
    throw new ApiError('API_INVALID_MESSAGE_FORMAT', 'PASSWORD was sent without ENCRYPT=Y; send ENCRYPT=Y to encrypt the CAV');
  }
  return {
    format,
    ...(voxSampleRate === undefined ? {} : { voxSampleRate }),
    ...(format === 'cav' && encrypt === 'Y' ? { password } : {}),
  };
}

/**
 * A comma-separated list (IDENT): values trimmed, blanks dropped, at least
 * one. With `integers`, every value must be a recording ID.
 */
export function readList(request: ApiRequest, name: string, options: { integers: boolean }): string[] {
  const values = requireParameter(request, name).split(',').map((value) => value.trim()).filter((value) => value !== '');
  if (values.length === 0) throw new ApiError('API_INVALID_MESSAGE_FORMAT', `${request.type} needs ${name}`);
  if (options.integers) {
    const bad = values.find((value) => !/^\d{1,10}$/.test(value));
    if (bad !== undefined) throw new ApiError('API_INVALID_MESSAGE_FORMAT', `${name} '${bad}' is not a recording ID`);
  }
  return values;
}

/** Which recordings a mail function names: values of one Recording column. */
export interface RecordingSelection {
  readonly column: RecordingUniqueField;
  readonly values: readonly string[];
}

/**
 * The recordings EMAIL / COMBINEDEMAIL name. Usually an IDENT list. The
 * manual's data types for these functions also list UNIQUEFIELD and
 * UNIQUEID, so UNIQUEFIELD may name the column, the values coming from
 * IDENT or else UNIQUEID (as EXPORT takes them). With
 * `uniqueIdNamesColumn` (COMBINEDEMAIL, whose example sends
 * `<IDENT>1509</IDENT><UNIQUEID>IDENT</UNIQUEID>`), UNIQUEID without
 * UNIQUEFIELD names the column the IDENT values are in.
 */
export function readRecordingSelection(request: ApiRequest, options: { uniqueIdNamesColumn: boolean }): RecordingSelection {
  const uniqueField = request.nonBlank('UNIQUEFIELD');
  const uniqueId = request.nonBlank('UNIQUEID');
  const named = uniqueField ?? (options.uniqueIdNamesColumn ? uniqueId : undefined);
  const column = named === undefined ? 'ident' : recordingFieldFor(named);
  if (column === undefined) {
    const parameter = uniqueField === undefined ? 'UNIQUEID' : 'UNIQUEFIELD';
    throw new ApiError('API_INVALID_MESSAGE_FORMAT', `${parameter} names the Recording column to look recordings up in (such as IDENT); '${named}' is not one`);
  }
  const from = uniqueField !== undefined && request.nonBlank('IDENT') === undefined ? 'UNIQUEID' : 'IDENT';
  return { column, values: readList(request, from, { integers: column === 'ident' }) };
}
