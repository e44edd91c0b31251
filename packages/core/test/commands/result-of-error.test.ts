import assert from 'node:assert/strict';
import { pino } from 'pino';
import { CallError, type CallErrorReason } from '../../src/calls/call-error.js';
import { ApiError } from '../../src/commands/api-error.js';
import { answerCall } from '../../src/commands/call-handling/call-results.js';
import { MailDeliveryError } from '../../src/commands/email/mail-sender.js';
import { documentedResultOf, resultOfError } from '../../src/commands/result-of-error.js';
import { DirectoryError, type DirectoryErrorReason } from '../../src/directory/directory-error.js';
import { MediaExportError } from '../../src/media/media-export-error.js';
import { apiOk, type ApiResult } from '../../src/protocol/api-result.js';
import { resultCodeOf } from '../../src/protocol/result-codes.js';
import { ValueTooLongError } from '../../src/storage/column-sizes.js';
import { ConflictError, InvalidFieldError, StorageError, toStorageError } from '../../src/storage/errors.js';

/** A logger whose lines are kept, to see what was logged and at which level. */
function recordingLogger() {
  const lines: { level: number; msg: string; err?: { message: string } }[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

const codeOf = (err: unknown): string => {
  const result = documentedResultOf(err);
  return result ? `${resultCodeOf(result.type)} ${result.type}` : 'undocumented';
};

/** Each reason's error answers the expected code, with the error's message as RESULTMSG. */
function expectEach<R extends string>(expected: Record<R, string>, make: (reason: R) => Error): void {
  for (const [reason, code] of Object.entries(expected) as [R, string][]) {
    assert.equal(codeOf(make(reason)), code, reason);
    assert.equal(documentedResultOf(make(reason))?.message, `refused: ${reason}`);
  }
}

describe('resultOfError: one registry from domain error to result code', () => {
  const callReasons: Record<CallErrorReason, string> = {
    FIELD_INVALID: '59 API_PARAMETERS_INVALID',
    DEVICE_INVALID: '8 API_DEVICE_INVALID',
    NOT_IN_CALL: '7 API_DEVICE_NOT_IN_CALL',
    NO_FREE_CHANNELS: '3 API_ERROR_NO_FREE_CHANNELS',
    NO_SCHEDULE: '9 API_DID_NOT_MATCH_A_SCHEDULE',
    NOT_RECORDING: '12 API_DEVICE_NOT_RECORDING',
    RECORDID_INVALID: '40 API_RECORDID_INVALID',
    AGENT_NOT_FOUND: '24 API_AGENT_NOT_FOUND',
    BLACKOUT_INVALID_STATE: '38 API_BLACKOUT_INVALID_STATE',
    ALREADY_RECORDING: '1 API_ERROR_ALREADY_RECORDING',
    SESSION_UNKNOWN: '33 API_SESSIONID_UNSPECIFIED',
    OUT_OF_DISK_SPACE: '2 API_ERROR_OUT_OF_DISK_SPACE',
    STOPPING: '6 API_ERROR_SCHEDULER_NOT_RUNNING',
    RECORDER_NOT_RUNNING: '34 API_ERROR_RECORDER_NOT_RUNNING',
    DATABASE_ERROR: '23 API_DATABASE_QUERY_ERROR',
  };
  it('answers each CallError reason with its code and the error\'s message (FIELD_INVALID is 59, the manual\'s "parameters invalid")', () => {
    expectEach(callReasons, (reason) => new CallError(reason, `refused: ${reason}`));
  });

  it('recognises a CallError by its brand, as one made by another copy of plugin-api would carry', () => {
    const foreign = Object.defineProperty(Object.assign(new Error('no such device'), { reason: 'DEVICE_INVALID' }), Symbol.for('callwire.CallError'), { value: true });
    assert.equal(codeOf(foreign), '8 API_DEVICE_INVALID');
  });

  const directoryReasons: Record<DirectoryErrorReason, string> = {
    USER_ALREADY_EXISTS: '54 API_USER_ALREADY_EXIST',
    USER_NOT_FOUND: '28 API_USER_NOT_FOUND',
    AGENT_NOT_FOUND: '24 API_AGENT_NOT_FOUND',
    PHONE_IN_USE: '57 API_PHONEID_IN_USE',
    NO_GROUP: '27 API_NO_GROUP',
    ROLE_ALREADY_EXISTS: '50 API_ROLE_ALREADY_EXISTS',
    ROLE_NOT_FOUND: '52 API_ROLE_NOT_FOUND',
    PERMISSION_NOT_FOUND: '51 API_PERMISSIONIDENT_NOT_FOUND',
    PERMISSION_DEPENDENCY: '59 API_PARAMETERS_INVALID',
  };
  it('answers each DirectoryError reason with its code (a permission dependency, for which the manual has none, is 59)', () => {
    expectEach(directoryReasons, (reason) => new DirectoryError(reason, `refused: ${reason}`));
  });

  it('answers an ApiError with the type it carries', () => {
    assert.deepEqual(documentedResultOf(new ApiError('API_EMAIL_NOT_VALID', "TOADDRESS 'x' is not a valid email address")), {
      type: 'API_EMAIL_NOT_VALID', message: "TOADDRESS 'x' is not a valid email address", body: undefined,
    });
  });

  it('answers a StorageError, and any subclass, with API_DATABASE_QUERY_ERROR (23)', () => {
    class ReplicaLagError extends StorageError {}
    assert.equal(codeOf(new StorageError('QUERY_FAILED', 'database query failed: x')), '23 API_DATABASE_QUERY_ERROR');
    assert.equal(codeOf(new StorageError('DATABASE_UNAVAILABLE', 'database unavailable: storage is closed')), '23 API_DATABASE_QUERY_ERROR');
    assert.equal(codeOf(new ReplicaLagError('QUERY_FAILED', 'behind')), '23 API_DATABASE_QUERY_ERROR');
  });

  it('names what failed in a database error\'s RESULTMSG without the SQL or the connection string the driver quoted', () => {
    const query = toStorageError(Object.assign(new Error('syntax error at or near "select password_hash from users"'), { code: '42601' }));
    assert.equal(documentedResultOf(query)?.message, 'the database could not be used: a query failed (42601); the server log has the details');
    const connect = toStorageError(Object.assign(new Error('connect ECONNREFUSED postgres://callwire:hunter2@10.0.0.5/callwire'), { code: 'ECONNREFUSED' }), true);
    assert.equal(documentedResultOf(connect)?.message, 'the database could not be used: the database is unavailable (ECONNREFUSED); the server log has the details');
    const closed = new StorageError('DATABASE_UNAVAILABLE', 'database unavailable: storage is closed');
    assert.equal(documentedResultOf(closed)?.message, 'the database could not be used: the database is unavailable; the server log has the details');
  });

  it('logs a database error once, as a warning carrying the driver\'s words', () => {
    const { log, lines } = recordingLogger();
    const err = toStorageError(Object.assign(new Error('no such table: recordings'), { code: 'SQLITE_ERROR' }));
    assert.equal(resultOfError(err, 'CALLLIST', log).type, 'API_DATABASE_QUERY_ERROR');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.level, 40);
    assert.equal(lines[0]!.msg, 'CALLLIST: database error');
    assert.match(lines[0]!.err!.message, /no such table: recordings/);
  });

  it('answers a storage conflict that reached a handler with the directory\'s code for it', () => {
    assert.equal(codeOf(new ConflictError('user', 'jbond', 3, 'a user named "jbond" already exists')), '54 API_USER_ALREADY_EXIST');
    assert.equal(codeOf(new ConflictError('phone', '7001', 3, 'phone ID 7001 is already assigned to user 3')), '57 API_PHONEID_IN_USE');
    assert.equal(codeOf(new ConflictError('role', 'QA', 2, 'a role named "QA" already exists')), '50 API_ROLE_ALREADY_EXISTS');
  });

  it('answers export errors as the manual lists for EXPORT: a missing file 41, a bad parameter 16', () => {
    assert.equal(codeOf(new MediaExportError('not-found', "no recording has user2 = 'nobody'")), '41 API_FILE_NOT_FOUND');
    assert.equal(codeOf(new MediaExportError('bad-request', "UNIQUEFIELD 'colour' is not a Recording column")), '16 API_INVALID_MESSAGE_FORMAT');
    assert.equal(codeOf(new InvalidFieldError('colour', ['ident', 'user2'])), '16 API_INVALID_MESSAGE_FORMAT');
  });

  it('answers a value longer than its column with 59, as the field table would have', () => {
    assert.equal(codeOf(new ValueTooLongError('recordings.ani', 30, 20)), '59 API_PARAMETERS_INVALID');
  });

  it('answers mail failures: no mail server answering is 31 (client not found), a refused address 45', () => {
    assert.equal(codeOf(new MailDeliveryError('unreachable', 'connect ECONNREFUSED 127.0.0.1:25')), '31 API_ERROR_CLIENT_NOT_FOUND');
    assert.equal(codeOf(new MailDeliveryError('address-rejected', '550 no such user')), '45 API_EMAIL_NOT_VALID');
  });

  it('answers anything else with API_ERROR_PROCESSING_MESSAGE (11), naming the function, and logs it as an error', () => {
    for (const thrown of [new Error('core 2 exploded'), 'a string', undefined]) {
      const { log, lines } = recordingLogger();
      assert.equal(documentedResultOf(thrown), undefined);
      assert.deepEqual(resultOfError(thrown, 'BLACKOUTSTART', log), {
        type: 'API_ERROR_PROCESSING_MESSAGE', message: 'BLACKOUTSTART failed on the server; the server log has the details', body: undefined,
      });
      assert.deepEqual(lines.map((line) => [line.level, line.msg]), [[50, 'BLACKOUTSTART failed']]);
    }
  });

  it('answerCall answers domain errors as the dispatcher would and rethrows the rest for its caller', async () => {
    assert.deepEqual(await answerCall(async () => apiOk('done')), apiOk('done'));
    const refused: ApiResult = await answerCall(async () => {
      throw new CallError('NOT_IN_CALL', 'Device 555 is not in a call');
    });
    assert.deepEqual(refused, documentedResultOf(new CallError('NOT_IN_CALL', 'Device 555 is not in a call')));
    await assert.rejects(answerCall(async () => {
      throw new Error('bug');
    }), /bug/);
  });
});
