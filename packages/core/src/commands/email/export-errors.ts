import { MediaExportError } from '../../media/index.js';
import { ApiError } from '../api-error.js';
import { MailDeliveryError } from './mail-sender.js';

/**
 * The documented result for an export or mail failure: the media layer's
 * own for an export (MediaExportError.resultType: API_FILE_NOT_FOUND,
 * API_INVALID_MESSAGE_FORMAT, API_COMMAND_NOT_SUPPORTED), an unreachable
 * mail server API_ERROR_CLIENT_NOT_FOUND, a refused address
 * API_EMAIL_NOT_VALID. Anything else is returned as it is.
 */
export function asApiError(err: unknown): unknown {
  if (err instanceof MediaExportError) {
    return new ApiError(err.resultType, err.message);
  }
  if (err instanceof MailDeliveryError) {
    return new ApiError(err.reason === 'unreachable' ? 'API_ERROR_CLIENT_NOT_FOUND' : 'API_EMAIL_NOT_VALID', err.message);
  }
  return err;
}
