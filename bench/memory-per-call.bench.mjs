// memory-per-call: RSS growth per active call, with 10,000 calls in progress
// on 10,000 devices (tracked, not recorded), in bytes per call. Target < 4 KiB.
// The baseline is the RSS of the idle server, measured the same way.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NULL_RECORDER } from './call-cycle.bench.mjs';
import { drive, startHost } from './support.mjs';

const CALLS = 10_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

async function settledRss() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().rss;
}

export default async function memoryPerCall() {
  const server = await startHost({ plugins: [NULL_RECORDER], schedules: [{ name: 'track only', record: false }] });
  try {
    const warm = Array.from({ length: 200 }, (_, i) => `<REQUEST><TYPE>CALLSTART</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>w${i}</DEVICEID></REQUEST>\r\n`);
    await drive({ port: server.apiPort, depth: 32, total: warm.length, requests: warm });
    const before = await settledRss();
    const starts = Array.from({ length: CALLS }, (_, i) =>
      `<REQUEST><TYPE>CALLSTART</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${100000 + i}</DEVICEID><ANI>614555${String(i).padStart(4, '0')}</ANI>` +
        `<DNIS>8005551212</DNIS><GROUP>Sales</GROUP><USER1>Gold Level</USER1><USER2>Customer ${i}</USER2></REQUEST>\r\n`,
    );
    await drive({ port: server.apiPort, depth: 32, total: CALLS, requests: starts });
    const after = await settledRss();
    const perCall = (after - before) / CALLS;
    return {
      name: 'memory-per-call',
      figure: perCall,
      unit: 'bytes RSS per active call (10,000 calls on 10,000 devices)',
      baseline: before / 2 ** 20,
      baselineUnit: 'MiB',
      baselineName: 'RSS of the idle server',
      ratio: perCall / 4096,
      target: 1,
      higherIsBetter: false,
    };
  } finally {
    await server.close();
  }
}
