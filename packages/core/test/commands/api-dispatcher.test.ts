import 'reflect-metadata';
import assert from 'node:assert/strict';
import { Container, ContainerModule, injectable } from 'inversify';
import { pino } from 'pino';
import { ApiCommand, type ApiSession } from '../../src/commands/api-command.js';
import { ApiDispatcher, type ApiReply } from '../../src/commands/api-dispatcher.js';
import { ApiError } from '../../src/commands/api-error.js';
import { commandsModule } from '../../src/commands/commands-module.js';
import { apiFile, apiOk, type ApiResult } from '../../src/protocol/api-result.js';
import { StorageError } from '../../src/storage/errors.js';
import { parseRequest } from '../../src/protocol/parse-request.js';
import { TOKENS } from '../../src/tokens.js';

const session: ApiSession = { id: 'test-1', transport: 'internal', remoteAddress: '127.0.0.1' };
const web: ApiSession = { id: 'http-1', transport: 'http', remoteAddress: '127.0.0.1', carriesFiles: true };

/** A function a plugin might add, to show the registry is open. */
@injectable()
class EchoCommand implements ApiCommand {
  readonly type = 'ECHO';
  readonly fields = { TEXT: { kind: 'text', max: 5, declared: 'char(5)' } } as const;
  handle(request: import('../../src/protocol/api-request.js').ApiRequest) {
    if (request.get('TEXT') === 'boom') throw new Error('handler bug');
    if (request.get('TEXT') === 'nope') throw new ApiError('API_DEVICE_INVALID', 'Could not find a device matching given parameters');
    return apiOk(undefined, { TEXT: request.get('TEXT') ?? '' });
  }
}

/** A function that answers with a file (as EXPORT does); counts how often it ran. */
class DownloadCommand implements ApiCommand {
  readonly type = 'DOWNLOAD';
  readonly fields = { NAME: { kind: 'text', max: 8, declared: 'char(8)' } } as const;
  readonly answersWithFile = true;
  runs = 0;
  handle(request: import('../../src/protocol/api-request.js').ApiRequest): ApiResult {
    this.runs++;
    if (request.get('NAME') === 'db') throw new StorageError('DATABASE_UNAVAILABLE', 'database unavailable: storage is closed');
    return fileResult(request.get('NAME') ?? 'file');
  }
}

/** A function that answers with a file without declaring it (a faulty extension). */
class UndeclaredFileCommand implements ApiCommand {
  readonly type = 'SNEAKY';
  handle(): ApiResult {
    return fileResult('sneaky');
  }
}

function fileResult(name: string): ApiResult {
  return apiFile({ contentType: 'text/plain', fileName: `${name}.txt`, length: 5, open: async function* () { yield new TextEncoder().encode('bytes'); } }, `file ${name}.txt`);
}

const download = new DownloadCommand();

function dispatcher(): ApiDispatcher {
  const container = new Container();
  container.bind(TOKENS.Logger).toConstantValue(pino({ level: 'silent' }));
  container.load(commandsModule, new ContainerModule(({ bind }) => {
    bind(ApiCommand).to(EchoCommand);
    bind(ApiCommand).toConstantValue(download);
    bind(ApiCommand).to(UndeclaredFileCommand);
  }));
  return container.get(ApiDispatcher);
}

async function send(xml: string, on: ApiSession = session): Promise<ApiReply> {
  return dispatcher().dispatch(parseRequest(xml), on);
}

describe('ApiDispatcher', () => {
  it('answers TEST with API_OK and the REQUESTID', async () => {
    const reply = await send('<REQUEST><TYPE>TEST</TYPE><REQUESTID>1</REQUESTID></REQUEST>');
    assert.deepEqual(reply, { requestType: 'TEST', requestId: '1', result: apiOk() });
  });

  for (const [label, id] of [['missing', undefined], ['non-numeric', 'abc'], ['negative', '-1'], ['over 2147483647', '2147483648'], ['fractional', '1.5']] as const) {
    it(`answers API_REQUESTID_INVALID (14) for a ${label} REQUESTID`, async () => {
      const idTag = id === undefined ? '' : `<REQUESTID>${id}</REQUESTID>`;
      const reply = await send(`<REQUEST><TYPE>TEST</TYPE>${idTag}</REQUEST>`);
      assert.equal(reply.result.type, 'API_REQUESTID_INVALID');
    });
  }

  it('accepts REQUESTID 0 (the manual\'s EVENTS example) and 2147483647', async () => {
    for (const id of ['0', '2147483647']) assert.equal((await send(`<REQUEST><TYPE>TEST</TYPE><REQUESTID>${id}</REQUESTID></REQUEST>`)).result.type, 'API_OK');
  });

  it('answers API_UNKNOWN_MESSAGE_TYPE (10) for an unknown type', async () => {
    const reply = await send('<REQUEST><TYPE>FLY</TYPE><REQUESTID>5</REQUESTID></REQUEST>');
    assert.equal(reply.result.type, 'API_UNKNOWN_MESSAGE_TYPE');
    assert.equal(reply.result.message, 'unknown message type FLY');
  });

  it('answers API_INVALID_MESSAGE_FORMAT (16) for malformed XML, echoing the REQUESTID', async () => {
    const reply = await send('<REQUEST><TYPE>TEST<REQUESTID>6</REQUESTID></REQUEST>');
    assert.equal(reply.result.type, 'API_INVALID_MESSAGE_FORMAT');
    assert.equal(reply.requestId, '6');
  });

  it('answers every deprecated function with API_COMMAND_NOT_SUPPORTED (49) naming the replacement', async () => {
    const reply = await send('<REQUEST><TYPE>IMPORTSTATION</TYPE><REQUESTID>7</REQUESTID></REQUEST>');
    assert.equal(reply.result.type, 'API_COMMAND_NOT_SUPPORTED');
    assert.equal(reply.result.message, 'IMPORTSTATION is not supported (deprecated in version 5.3); use IMPORTWORKSTATION instead');
    for (const name of ['MODECHANGE', 'EXTENSIONPLAYBACKSTART', 'EXTENSIONPLAYBACKSTOP', 'RECORDINGDEVICE', 'RECORDINGDEVICEALIAS', 'IMPORTAGENT']) {
      assert.equal((await send(`<REQUEST><TYPE>${name}</TYPE><REQUESTID>1</REQUESTID></REQUEST>`)).result.type, 'API_COMMAND_NOT_SUPPORTED', name);
    }
  });

  it('refuses an over-long field with API_PARAMETERS_INVALID (59) before the handler runs', async () => {
    const reply = await send('<REQUEST><TYPE>ECHO</TYPE><REQUESTID>8</REQUESTID><TEXT>toolong</TEXT></REQUEST>');
    assert.equal(reply.result.type, 'API_PARAMETERS_INVALID');
    assert.equal(reply.result.message, 'TEXT is 7 characters; the limit is 5 (char(5))');
  });

  it('refuses an alias conflict with API_PARAMETERS_INVALID', async () => {
    const reply = await send('<REQUEST><TYPE>ECHO</TYPE><REQUESTID>8</REQUESTID><FIRSTNAME>a</FIRSTNAME><FIRST_NAME>b</FIRST_NAME></REQUEST>');
    assert.equal(reply.result.type, 'API_PARAMETERS_INVALID');
  });

  it('turns an ApiError into its result and a handler bug into API_ERROR_PROCESSING_MESSAGE (11)', async () => {
    assert.equal((await send('<REQUEST><TYPE>ECHO</TYPE><REQUESTID>9</REQUESTID><TEXT>nope</TEXT></REQUEST>')).result.type, 'API_DEVICE_INVALID');
    const reply = await send('<REQUEST><TYPE>ECHO</TYPE><REQUESTID>9</REQUESTID><TEXT>boom</TEXT></REQUEST>');
    assert.equal(reply.result.type, 'API_ERROR_PROCESSING_MESSAGE');
    assert.equal(reply.requestId, '9');
  });

  it('answers a StorageError a handler throws with API_DATABASE_QUERY_ERROR (23), without the driver\'s words', async () => {
    const reply = await send('<REQUEST><TYPE>DOWNLOAD</TYPE><REQUESTID>9</REQUESTID><NAME>db</NAME></REQUEST>', web);
    assert.equal(reply.result.type, 'API_DATABASE_QUERY_ERROR');
    assert.equal(reply.result.message, 'the database could not be used: the database is unavailable; the server log has the details');
  });

  describe('functions that answer with a file', () => {
    beforeEach(() => (download.runs = 0));

    it('passes the file through on a session that carries files (the WebAPI), bytes untouched', async () => {
      const reply = await send('<REQUEST><TYPE>DOWNLOAD</TYPE><REQUESTID>11</REQUESTID><NAME>rec</NAME></REQUEST>', web);
      assert.equal(reply.result.type, 'API_OK');
      assert.deepEqual([reply.result.stream?.contentType, reply.result.stream?.fileName, reply.result.stream?.length], ['text/plain', 'rec.txt', 5]);
      const chunks: Uint8Array[] = [];
      for await (const chunk of reply.result.stream!.open()) chunks.push(chunk);
      assert.equal(Buffer.concat(chunks).toString(), 'bytes');
    });

    it('refuses one on a door that cannot carry files with API_COMMAND_NOT_SUPPORTED (49) before it runs, whatever its parameters', async () => {
      for (const body of ['<NAME>rec</NAME>', '<NAME>much-too-long</NAME>']) {
        const reply = await send(`<REQUEST><TYPE>DOWNLOAD</TYPE><REQUESTID>12</REQUESTID>${body}</REQUEST>`);
        assert.equal(reply.result.type, 'API_COMMAND_NOT_SUPPORTED');
        assert.equal(reply.result.message, 'DOWNLOAD returns a file and is only available through the WebAPI: GET /webAPI.aspx?type=download&requestid=…');
        assert.equal(reply.result.stream, undefined);
      }
      assert.equal(download.runs, 0);
    });

    it('checks REQUESTID (14) and the field table (59) before a file function runs, as for every function', async () => {
      assert.equal((await send('<REQUEST><TYPE>DOWNLOAD</TYPE><REQUESTID>x</REQUESTID></REQUEST>', web)).result.type, 'API_REQUESTID_INVALID');
      assert.equal((await send('<REQUEST><TYPE>DOWNLOAD</TYPE><REQUESTID>x</REQUESTID></REQUEST>')).result.type, 'API_REQUESTID_INVALID');
      assert.equal((await send('<REQUEST><TYPE>DOWNLOAD</TYPE><REQUESTID>13</REQUESTID><NAME>much-too-long</NAME></REQUEST>', web)).result.type, 'API_PARAMETERS_INVALID');
      assert.equal(download.runs, 0);
    });

    it('refuses a file from a function that did not declare one, on a door that cannot carry it', async () => {
      const reply = await send('<REQUEST><TYPE>SNEAKY</TYPE><REQUESTID>14</REQUESTID></REQUEST>');
      assert.equal(reply.result.type, 'API_COMMAND_NOT_SUPPORTED');
      assert.equal(reply.result.stream, undefined);
      assert.ok((await send('<REQUEST><TYPE>SNEAKY</TYPE><REQUESTID>14</REQUESTID></REQUEST>', web)).result.stream);
    });
  });

  it('lets a module add a function to the registry', () => {
    assert.ok(dispatcher().functions().includes('ECHO'));
  });
});
