import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CallwireProcess } from '../support/callwire-process.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';

const packages = fileURLToPath(new URL('../../../../', import.meta.url));
const recorder = fileURLToPath(new URL('../../../test/fixtures/plugins/metadata-recorder.mjs', import.meta.url));

/** An input plugin as an integrator keeps it in a folder of its own: plain ESM, the plugin API as its only dependency. */
const PLUGIN_SOURCE = `import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CallError, definePlugin, z } from '@callwire/plugin-api';

export default definePlugin({
  name: 'outside-feed',
  kind: 'input',
  hostVersion: '^0.1.0',
  options: z.strictObject({ device: z.string() }),
  create({ options, calls, dataDir, log }) {
    const server = createServer((socket) => {
      createInterface({ input: socket }).on('line', async (line) => {
        const [verb, ani] = line.split(' ');
        try {
          if (verb === 'start') await calls.start({ deviceId: options.device }, { ani });
          else await calls.stop({ deviceId: verb === 'stop' ? options.device : '9999' });
          socket.write('ok\\n');
        } catch (err) {
          socket.write(err instanceof CallError ? \`refused \${err.reason}\\n\` : \`failed \${err.message}\\n\`);
        }
      });
    });
    return {
      async start() {
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        writeFileSync(join(dataDir, 'port.txt'), String(server.address().port));
        log.info('outside-feed listening');
      },
      stop: () => new Promise((resolve) => server.close(resolve)),
    };
  },
});
`;

describe('a plugin in a folder outside the repository, installed as the README says, loads by path and carries a call', function () {
  this.timeout(180000);
  let dir: string;

  before(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-outside-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packs @callwire/plugin-api and @callwire/plugin-kit, installs them into the plugin folder, and the host runs the plugin', async () => {
    // README "Writing a plugin": pack the plugin packages, then npm install the tarballs in the plugin's folder.
    const tarballs = join(dir, 'tarballs');
    mkdirSync(tarballs);
    execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs, join(packages, 'plugin-api'), join(packages, 'plugin-kit')], { stdio: 'pipe' });
    const packed = readdirSync(tarballs).sort();
    assert.deepEqual(packed, ['callwire-plugin-api-0.1.0.tgz', 'callwire-plugin-kit-0.1.0.tgz']);

    const folder = join(dir, 'outside-feed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'outside-feed', version: '1.0.0', type: 'module', main: 'index.js' }, null, 2));
    writeFileSync(join(folder, 'index.js'), PLUGIN_SOURCE);
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packed.map((file) => join(tarballs, file))], { cwd: folder, stdio: 'pipe' });
    const installed = JSON.parse(readFileSync(join(folder, 'node_modules', '@callwire', 'plugin-api', 'package.json'), 'utf8')) as { version: string };
    assert.equal(installed.version, '0.1.0');

    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, ['plugins:', `  - use: ${recorder}`, '    options: { coreIdent: 1 }', `  - use: ${folder}`, "    options: { device: '8100' }"].join('\n'));
    const data = join(dir, 'data');
    const server = CallwireProcess.spawn(['start', '--config', configFile], { CALLWIRE_DATA_DIR: data, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: '' });
    let client: XmlClient | undefined;
    try {
      const ports = await server.ready(30000);
      const port = Number(readFileSync(join(data, 'plugins', 'outside-feed', 'port.txt'), 'utf8'));
      const pbx = connect(port, '127.0.0.1');
      const answers = createInterface({ input: pbx })[Symbol.asyncIterator]();
      await once(pbx, 'connect');
      const say = async (line: string) => {
        pbx.write(`${line}\n`);
        return (await answers.next()).value as string;
      };

      assert.equal(await say('start 6145551212'), 'ok');
      // A CallError thrown by the host is caught as one by the plugin's own copy of the API.
      assert.equal(await say('nobody'), 'refused NOT_IN_CALL');
      assert.equal(await say('stop'), 'ok');
      pbx.destroy();

      client = await XmlClient.open(ports.api);
      const list = await send(client, 'CALLLIST', { DEVICEID: '8100' });
      assert.equal(tag(list, 'RESULTCODE'), '20');
      assert.equal(tag(list, 'ANI'), '6145551212');
    } finally {
      client?.close();
      server.kill('SIGTERM');
    }
    assert.equal(await server.exit(), 0);
  });
});
