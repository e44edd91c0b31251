/**
 * Why an export cannot be made, in words for the client: `not-found` (no
 * such recording, or its audio file is missing or unreadable — the manual's
 * API_FILE_NOT_FOUND) or `bad-request` (a missing or unknown parameter —
 * API_INVALID_MESSAGE_FORMAT).
 */
export class MediaExportError extends Error {
  override readonly name = 'MediaExportError';
  constructor(
    readonly reason: 'not-found' | 'bad-request',
    message: string,
  ) {
    super(message);
  }
}
