import { inject, injectable } from 'inversify';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { Storage } from '../../storage/index.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';

/** FETCHTERMINOLOGY: the terminology table (the manual's defaults, renamed by config), with COUNT. */
@injectable()
export class FetchTerminologyCommand implements ApiCommand {
  readonly type = 'FETCHTERMINOLOGY';

  constructor(@inject(TOKENS.Storage) private readonly storage: Storage) {}

  async handle(): Promise<ApiResult> {
    const terms = await this.storage.terminology.list();
    return apiOk(undefined, {
      COUNT: terms.length,
      SETTINGS: { TERMINOLOGY: terms.map((t) => ({ NAME: t.name, VALUE: t.value })) },
    });
  }
}
