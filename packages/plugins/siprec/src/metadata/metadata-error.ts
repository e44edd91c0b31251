/** The recording metadata could not be read; the message says what was wrong and where. */
export class MetadataError extends Error {
  override readonly name = 'MetadataError';
}
