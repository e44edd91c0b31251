import assert from 'node:assert/strict';
import { ApiRequest } from '../../src/protocol/api-request.js';
import { FIELD_LIMITS } from '../../src/protocol/field-limits.js';
import { validateFields } from '../../src/protocol/validate-fields.js';

const request = (...fields: [string, string][]) => ApiRequest.fromFields([['TYPE', 'CALLSTART'], ...fields]);
const callStart = FIELD_LIMITS['CALLSTART']!;

describe('validateFields (the manual\'s Data Type Values)', () => {
  it('accepts values within their limits, blanks, and unlisted parameters', () => {
    assert.deepEqual(validateFields(request(['DEVICEALIAS', 'x'.repeat(15)], ['ANI', ''], ['FOO', 'y'.repeat(999)]), callStart), []);
  });

  it('refuses a value longer than its column, naming the field and the limit', () => {
    assert.deepEqual(validateFields(request(['DEVICEALIAS', 'x'.repeat(16)]), callStart), [
      'DEVICEALIAS is 16 characters; the limit is 15 (char(15))',
    ]);
  });

  it('counts characters, not bytes', () => {
    assert.deepEqual(validateFields(request(['USER1', 'é'.repeat(20)]), callStart), []);
  });

  it('checks integers, ranges, and Y/N and I/O/? choices', () => {
    const problems = validateFields(
      request(['PRIORITY', '101'], ['MAXRECORDTIME', 'ten'], ['CALLDIRECTION', 'X'], ['AGENTINITIATED', 'maybe'], ['ARCHIVEACTION', '9007199254740993']),
      callStart,
    );
    assert.deepEqual(problems, [
      'PRIORITY must be between 0 and 100, got 101',
      'MAXRECORDTIME must be an integer, got \'ten\'',
      'CALLDIRECTION must be one of \'I\', \'O\', \'?\', got \'X\'',
      'AGENTINITIATED must be one of \'Y\', \'N\', got \'maybe\'',
    ]);
  });

  it('uses each function\'s own table: DEVICEID is char(64) for calls but char(15) for imports', () => {
    const id = 'd'.repeat(20);
    assert.deepEqual(validateFields(request(['DEVICEID', id]), callStart), []);
    assert.equal(validateFields(request(['DEVICEID', id]), FIELD_LIMITS['IMPORTWORKSTATION']!).length, 1);
  });

  it('checks each item of a comma list (IMPORTUSER PHONES)', () => {
    const table = FIELD_LIMITS['IMPORTUSER']!;
    assert.deepEqual(validateFields(request(['PHONES', '1123, 3343, 3234']), table), []);
    assert.equal(validateFields(request(['PHONES', '1123, 12345678901']), table).length, 1);
  });
});
