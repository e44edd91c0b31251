import assert from 'node:assert/strict';
import { CallError, isCallError } from '../src/index.js';

describe('CallError', () => {
  it('carries the reason, the message and the field at fault', () => {
    const err = new CallError('FIELD_INVALID', 'ANI is 23 characters; the manual allows char(20)', 'ANI');
    assert.deepEqual([err.name, err.reason, err.field, err.message], ['CallError', 'FIELD_INVALID', 'ANI', 'ANI is 23 characters; the manual allows char(20)']);
    assert.ok(err instanceof Error);
  });

  it('is recognised by instanceof and isCallError whichever copy of the package made it (a plugin installed with its own copy)', () => {
    // What another copy's constructor leaves on an error: the registry-wide brand, not this class's prototype.
    const fromAnotherCopy = Object.defineProperty(new Error('device 9 is not in a call'), Symbol.for('callwire.CallError'), { value: true });
    assert.ok(fromAnotherCopy instanceof CallError);
    assert.ok(isCallError(fromAnotherCopy));
    assert.ok(!(new Error('plain') instanceof CallError));
    assert.ok(!isCallError({ reason: 'NOT_IN_CALL' }), 'a look-alike object is not one');
  });
});
