import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProcessors } from '../../src/status/processors.js';

/** Two processors as a KVM guest's /proc/cpuinfo lists them (trimmed). */
const CPUINFO = [
  'processor\t: 0', 'vendor_id\t: GenuineIntel', 'model name\t: Intel(R) Xeon(R) Processor', 'cpu MHz\t\t: 2599.998', 'cache size\t: 491520 KB', '',
  'processor\t: 1', 'vendor_id\t: GenuineIntel', 'model name\t: Intel(R) Xeon(R) Processor', 'cpu MHz\t\t: 2394.000', '', '',
].join('\n');

describe('SYSTEMSTATUS processors: SYSTEMPROCESSORSPEED and SYSTEMPROCESSORTYPE', () => {
  let dir: string;
  let cpuinfo: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-cpuinfo-'));
    cpuinfo = join(dir, 'cpuinfo');
    writeFileSync(cpuinfo, CPUINFO);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('where os.cpus() reports speed 0 (most VMs), the speed is the processor\'s "cpu MHz" from /proc/cpuinfo, rounded as the manual\'s 2394MHz', async () => {
    const cpus = () => [{ speed: 0, model: 'Intel(R) Xeon(R) Processor' }, { speed: 0, model: 'Intel(R) Xeon(R) Processor' }];
    assert.deepEqual(await readProcessors({ cpus, cpuinfoPath: cpuinfo }), [
      { speedMhz: 2600, model: 'Intel(R) Xeon(R) Processor' },
      { speedMhz: 2394, model: 'Intel(R) Xeon(R) Processor' },
    ]);
  });

  it('a blank model is taken from "model name"; what os.cpus() knows is kept', async () => {
    const cpus = () => [{ speed: 3100, model: '' }, { speed: 0, model: 'Own Model ' }];
    assert.deepEqual(await readProcessors({ cpus, cpuinfoPath: cpuinfo }), [
      { speedMhz: 3100, model: 'Intel(R) Xeon(R) Processor' },
      { speedMhz: 2394, model: 'Own Model' },
    ]);
  });

  it('without a readable cpuinfo (not Linux), the figures stay as os.cpus() gave them', async () => {
    const cpus = () => [{ speed: 0, model: 'Apple M2' }];
    assert.deepEqual(await readProcessors({ cpus, cpuinfoPath: join(dir, 'missing') }), [{ speedMhz: 0, model: 'Apple M2' }]);
  });
});
