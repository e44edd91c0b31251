import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { ResultStream } from '@callwire/core';
import type { Logger } from 'pino';

/**
 * Writes a function's file (ApiResult.stream: EXPORT and the other export
 * functions) as the HTTP body: Content-Type, an attachment
 * Content-Disposition, Content-Length when known, and the bytes as they are
 * produced, no faster than the client reads them. A client that goes away
 * stops the production (and is only worth a debug line); a failure after
 * the first byte can only cut the response short.
 */
export async function writeFileReply(response: ServerResponse, file: ResultStream, log: Logger): Promise<void> {
  response.writeHead(200, {
    'Content-Type': file.contentType,
    ...(file.fileName === undefined ? {} : { 'Content-Disposition': attachment(file.fileName) }),
    ...(file.length === undefined ? {} : { 'Content-Length': String(file.length) }),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await pipeline(file.open(), response);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_STREAM_PREMATURE_CLOSE') log.debug({ file: file.fileName }, 'export: the client left before the end');
    else log.error({ err, file: file.fileName }, 'export failed while streaming; the response was cut short');
    response.destroy();
  }
}

/** `attachment; filename="…"`; a name a quoted string cannot hold as it is also goes in `filename*` (RFC 6266). */
function attachment(fileName: string): string {
  const plain = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return plain === fileName ? `attachment; filename="${fileName}"` : `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
