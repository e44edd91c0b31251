import { apiResult, type ApiResult } from '../protocol/api-result.js';
import type { ApiCommand } from './api-command.js';

/** The manual's "Deprecated Functions" table. */
export const DEPRECATED_FUNCTIONS: readonly { name: string; replacement?: string; since: string }[] = [
  { name: 'IMPORTSTATION', replacement: 'IMPORTWORKSTATION', since: '5.3' },
  { name: 'MODECHANGE', since: '5.0' },
  { name: 'EXTENSIONPLAYBACKSTART', since: '5.0' },
  { name: 'EXTENSIONPLAYBACKSTOP', since: '5.0' },
  { name: 'RECORDINGDEVICE', since: '5.0' },
  { name: 'RECORDINGDEVICEALIAS', since: '5.0' },
  { name: 'IMPORTAGENT', replacement: 'IMPORTUSER', since: '5.0' },
];

/** Answers a deprecated function with API_COMMAND_NOT_SUPPORTED, naming its replacement. */
export class DeprecatedFunction implements ApiCommand {
  readonly type: string;
  private readonly result: ApiResult;

  constructor(entry: (typeof DEPRECATED_FUNCTIONS)[number]) {
    this.type = entry.name;
    const instead = entry.replacement ? `; use ${entry.replacement} instead` : '';
    this.result = apiResult('API_COMMAND_NOT_SUPPORTED', `${entry.name} is not supported (deprecated in version ${entry.since})${instead}`);
  }

  handle(): ApiResult {
    return this.result;
  }
}
