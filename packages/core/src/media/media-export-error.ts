import type { ResultType } from '@callwire/plugin-api';

/** Why an export cannot be made. */
export type MediaExportReason = 'not-found' | 'bad-request' | 'not-supported';

/** The manual's result for each reason. */
const RESULT_TYPES: Readonly<Record<MediaExportReason, ResultType>> = {
  'not-found': 'API_FILE_NOT_FOUND',
  'bad-request': 'API_INVALID_MESSAGE_FORMAT',
  'not-supported': 'API_COMMAND_NOT_SUPPORTED',
};

/**
 * Why an export cannot be made, in words for the client: `not-found` (no
 * such recording, or its audio file is missing or unreadable — the manual's
 * API_FILE_NOT_FOUND), `bad-request` (a missing or unknown parameter —
 * API_INVALID_MESSAGE_FORMAT) or `not-supported` (the recording is there but
 * holds no WAV audio, e.g. a screen core's JSON — API_COMMAND_NOT_SUPPORTED:
 * the file exists, exporting it is what cannot be done).
 */
export class MediaExportError extends Error {
  override readonly name = 'MediaExportError';
  constructor(
    readonly reason: MediaExportReason,
    message: string,
  ) {
    super(message);
  }

  /** The result every caller (EXPORT, EMAIL, the WebAPI) answers it with. */
  get resultType(): ResultType {
    return RESULT_TYPES[this.reason];
  }
}
