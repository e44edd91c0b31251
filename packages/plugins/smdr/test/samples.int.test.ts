import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMSUNG_FIXED, THREECX_CSV } from './support/generic-mappings.js';
import { PbxSmdrPusher, PbxSmdrServer, freePort } from './support/pbx-tcp.js';
import { PtyPair } from './support/pty-pair.js';
import { chunked, sampleLines } from './support/samples.js';
import type { TestHost } from '@callwire/plugin-kit/testing';
import { callDetails, callDetailsAfter, rejects, rejectsAfter, startSmdr } from './support/plugin-under-test.js';
import { sleep } from './support/wait.js';

/** How the PBX's bytes reach the plugin in one run. */
interface Link {
  /** The plugin's transport options. */
  readonly options: Record<string, unknown>;
  /** What the rejects file names as the source of a line. */
  readonly source: string;
  /** Resolves once the plugin can receive (port open, connected). */
  ready(): Promise<void>;
  send(chunks: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

const LINKS: Record<string, () => Promise<Link>> = {
  async 'a serial port (socat pty pair)'() {
    const dir = mkdtempSync(join(tmpdir(), 'smdr-sample-'));
    const pty = new PtyPair(dir);
    await pty.start();
    return {
      options: { serial: { path: pty.pluginEnd } },
      source: pty.pluginEnd,
      ready: () => pty.waitUntilPluginOpened(),
      send: (chunks) => pty.writeChunks(chunks),
      close: async () => {
        await pty.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  async 'TCP, the plugin connecting to the PBX'() {
    const pbx = await PbxSmdrServer.start();
    return {
      options: { tcp: { connect: { host: '127.0.0.1', port: pbx.port } } },
      source: `127.0.0.1:${pbx.port}`,
      ready: () => pbx.waitForConnections(1),
      send: (chunks) => pbx.send(chunks),
      close: () => pbx.close(),
    };
  },
  async 'TCP, the PBX connecting to the plugin'() {
    const port = await freePort();
    let pusher: PbxSmdrPusher | undefined;
    return {
      options: { tcp: { listen: { host: '127.0.0.1', port } } },
      get source() {
        return '127.0.0.1:';
      },
      ready: async () => void (pusher = await PbxSmdrPusher.connectWhenListening(port)),
      send: (chunks) => pusher!.send(chunks),
      close: async () => pusher?.end(),
    };
  },
};

/** Each supported sample file: the options that read it, the devices of the rows it gives, the lines it rejects. */
const SAMPLES = [
  {
    file: 'avaya_ipoffice_smdr.txt',
    options: { format: 'avaya-ipo' },
    devices: ['4324', '15', '4750', '23', '4688', '4207', '2122', '2124', '2121', '207', '203', '201', '207', '203', '203', '207', '218', '218', '206', '12'],
    rejected: [] as number[],
  },
  {
    file: 'mitel_mivoice_sx200_smdr.txt',
    options: { format: 'mitel' },
    devices: ['214', '201', 'ATT2', '9999', '9907', '9999', '9908', '9999', '9999', '9999'],
    rejected: [1, 2, 3, 13],
  },
  {
    file: 'panasonic_kx_smdr.txt',
    options: { format: 'panasonic' },
    devices: ['11', '13', '14', '15', '18', '12', '103', '103', '103', '103', '103', '101', 'C-05', '1200', '1200', '1234', '1234'],
    rejected: [],
  },
  { file: '3cx_cdr.txt', options: { format: 'csv', csv: THREECX_CSV }, devices: ['960'], rejected: [] },
  {
    file: 'samsung_officeserv_smdr.txt',
    options: { format: 'fixed', fixed: SAMSUNG_FIXED },
    devices: ['201', '205', '217', '202', '202', '203', '205', '209'],
    rejected: [12, 13],
  },
];

describe('every supported sample file, through every transport', function () {
  this.timeout(30_000);

  for (const [linkName, makeLink] of Object.entries(LINKS)) {
    describe(`over ${linkName}`, () => {
      let link: Link;
      let host: TestHost | undefined;
      beforeEach(async () => {
        link = await makeLink();
      });
      afterEach(async () => {
        await host?.close();
        host = undefined;
        await link.close();
      });

      for (const sample of SAMPLES) {
        it(`${sample.file}: split mid-line and many records per write`, async () => {
          host = await startSmdr({ timezone: 'UTC', reconnect: { initialMs: 20, maxMs: 200 }, ...link.options, ...sample.options });
          await link.ready();
          const lines = sampleLines(sample.file);
          await link.send(chunked(lines.map((l) => `${l}\r\n`).join('')));
          const rows = await callDetailsAfter(host, sample.devices.length);
          const rejected = await rejectsAfter(host, sample.rejected.length);
          await sleep(100);
          assert.deepEqual((await callDetails(host)).map((r) => r.device_id), sample.devices);
          assert.deepEqual(rows.map((r) => r.raw.split('\n').every((l) => lines.includes(l))), rows.map(() => true), 'raw is the lines as sent');
          assert.deepEqual(rejects(host).map(([, , line]) => line), sample.rejected.map((i) => lines[i]));
          assert.ok(rejected.every(([source]) => source.startsWith(link.source)), 'each reject names where it came from');
        });
      }
    });
  }
});
