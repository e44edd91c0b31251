import assert from 'node:assert/strict';
import { CapturedLog, LEVEL } from '../support/captured-log.js';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';

/** What an operator reads at info level about each recording: one line at its start, one at its stop. */
describe('operator log: one info line per recording start and stop', function () {
  this.timeout(20_000);
  let t: TestHost;
  let log: CapturedLog;

  beforeEach(async () => {
    log = new CapturedLog('info');
    t = await startTestHost({}, { logger: log.logger });
    t.addCore(new InTestRecorder(1));
  });
  afterEach(() => t.close());

  it('names device, RECORDID, COREIDENT, channel and file at start, and the duration at stop', async () => {
    const client = await t.client();
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '4100' }), 'RESULTTYPE'), 'API_OK');
    const startLine = await log.line(/^recording started on device 4100/);
    const started = t.events.find((e) => e.event.type === 'RECORDINGSTARTED')!; // published right after the line
    assert.equal(startLine.level, LEVEL.info);
    assert.equal(startLine['device'], '4100');
    assert.equal(startLine['coreIdent'], 1);
    assert.equal(String(startLine['recordId']), started.event.data['RECORDID']);
    assert.equal(String(startLine['channel']), started.event.data['CHANNEL']);
    assert.equal(startLine['file'], started.event.data['FILENAME']);

    assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '4100' }), 'RESULTTYPE'), 'API_OK');
    const stopLine = await log.line(/^recording stopped on device 4100 after \d+ s$/);
    assert.equal(stopLine.level, LEVEL.info);
    assert.equal(stopLine['recordId'], startLine['recordId']);
    assert.equal(stopLine['coreIdent'], 1);
    assert.equal(stopLine['channel'], startLine['channel']);
    assert.equal(stopLine['file'], startLine['file']);
    assert.equal(typeof stopLine['durationSeconds'], 'number');
    assert.equal(log.matching(/^recording (started|stopped)/).length, 2, 'one line each, not one per request');
  });

  it('logs nothing per request: TEST requests add no info line', async () => {
    const client = await t.client();
    const before = log.lines.length;
    for (let i = 0; i < 20; i++) assert.equal(tag(await send(client, 'TEST', {}, i + 1), 'RESULTTYPE'), 'API_OK');
    assert.deepEqual(log.lines.slice(before).map((l) => l.msg), []);
  });
});
