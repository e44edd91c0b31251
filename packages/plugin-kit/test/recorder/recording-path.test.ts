import assert from 'node:assert/strict';
import { recordingDirectory, recordingPath } from '../../src/index.js';

describe('recordingPath', () => {
  it('files a recording under its local day and device, named by its local start time', () => {
    const at = new Date(2024, 2, 5, 9, 7, 3).getTime();
    assert.equal(recordingPath('/rec', '7001', at), '/rec/20240305/7001/7001-09-07-03.wav');
    assert.equal(recordingPath('/rec', 'SIP/alice:5060', at), '/rec/20240305/SIP_alice_5060/SIP_alice_5060-09-07-03.wav');
    assert.equal(recordingPath('/rec', '..', at), '/rec/20240305/__/__-09-07-03.wav');
    assert.equal(recordingPath('/rec', '7001', at, 'json'), '/rec/20240305/7001/7001-09-07-03.json');
    assert.equal(recordingDirectory('/rec', 'SIP/alice', at), '/rec/20240305/SIP_alice');
  });
});
