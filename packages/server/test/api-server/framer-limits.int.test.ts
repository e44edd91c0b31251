import assert from 'node:assert/strict';
import { tag, testRequest, XmlClient } from '../support/xml-client.js';
import { peakRssMiB, rssMiB, startCallwire, type RunningCallwire } from './process-probe.js';

/** What each attack sends: 32 MiB, 128 times the default 64 KiB limit. */
const ATTACK_BYTES = 32 * 1024 * 1024;
const CHUNK = 1024 * 1024;
/**
 * How much more resident memory the process may ever reach than it had at
 * start. Before the framer bounded its state, a 10 MB tag name cost 200+ MiB
 * and these attacks cost GiBs.
 */
const HEADROOM_MIB = 128;

describe('XML API framing limits: what a client sends never grows the server (a real callwire process)', function () {
  this.timeout(120000);
  let callwire: RunningCallwire;
  let ceiling: number;
  const clients: XmlClient[] = [];
  const open = async (): Promise<XmlClient> => {
    const client = await XmlClient.open(callwire.api);
    clients.push(client);
    return client;
  };

  before(async () => {
    callwire = await startCallwire('plugins: []\n');
    const warm = await XmlClient.open(callwire.api);
    await warm.write(testRequest(0));
    await warm.read();
    warm.close();
    ceiling = rssMiB(callwire.pid) + HEADROOM_MIB;
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  after(async () => assert.equal(await callwire.stop(), 0));

  const attacks: { name: string; head: string; filler: string; resync: string; refusal: RegExp }[] = [
    { name: '`<` then a tag name that never ends', head: '<', filler: 'A', resync: '>\r\n', refusal: /exceeds the limit of 65536 bytes/ },
    { name: 'an end tag name that never ends', head: '<REQUEST></', filler: 'A', resync: '></REQUEST>\r\n', refusal: /exceeds the limit/ },
    { name: 'start tags that are never closed', head: '<REQUEST>', filler: '<A>', resync: '</REQUEST>\r\n', refusal: /nested deeper than 128/ },
    { name: 'a comment that never ends', head: '<REQUEST><!--', filler: 'x', resync: '--></REQUEST>\r\n', refusal: /exceeds the limit/ },
    { name: 'an attribute value that never ends', head: '<REQUEST a="', filler: 'x', resync: '"></REQUEST>\r\n', refusal: /exceeds the limit/ },
  ];

  for (const { name, head, filler, resync, refusal } of attacks) {
    it(`${name}: answered 16 once, the memory stays bounded, another client is served meanwhile, the connection resyncs`, async () => {
      const attacker = await open();
      const bystander = await open();
      const chunk = filler.repeat(Math.ceil(CHUNK / filler.length));
      await attacker.write(head);
      for (let sent = 0, n = 1; sent < ATTACK_BYTES; sent += chunk.length, n++) {
        await attacker.write(chunk);
        if (n % 8 === 0) {
          await bystander.write(testRequest(n));
          const [answer] = await bystander.read(1, 15000);
          assert.equal(tag(answer!, 'REQUESTID'), String(n), 'the other client is answered while the attack runs');
        }
      }
      await attacker.write(resync + testRequest(99));
      const [refused, next] = await attacker.read(2, 30000);
      assert.equal(tag(refused!, 'RESULTCODE'), '16');
      assert.match(tag(refused!, 'RESULTMSG')!, refusal);
      assert.equal(tag(next!, 'REQUESTID'), '99', 'the connection is framed again after the attack');
      assert.equal(tag(next!, 'RESULTCODE'), '20');
      assert.deepEqual(attacker.takeAll(), [], 'answered once');
      const peak = peakRssMiB(callwire.pid);
      assert.ok(peak < ceiling, `peak resident memory ${peak.toFixed(0)} MiB, over ${ceiling.toFixed(0)} MiB`);
    });
  }
});
