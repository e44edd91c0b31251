import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';
import { CountingProxy } from './counting-proxy.js';
import { runCli, serverEnv } from './run-cli.js';

/** A CSV field as a spreadsheet writes it: quoted when it holds a comma, quote or line break. */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csvLine = (values: string[]) => values.map(field).join(',');

/** The users IMPORTUSER LIST returns, as `FIRST LAST <EMAIL>` strings. */
async function listedUsers(client: XmlClient): Promise<string[]> {
  const reply = await send(client, 'IMPORTUSER', { ACTION: 'LIST' });
  const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...reply.matchAll(/<USER>([\s\S]*?)<\/USER>/g)].map(([, user]) => decode(`${tag(user!, 'FIRST_NAME')} ${tag(user!, 'LAST_NAME')} <${tag(user!, 'EMAIL')}>`));
}

describe('callwire import users (the real binary against a real server)', function () {
  this.timeout(120000);
  let t: TestHost;
  let client: XmlClient;
  let dir: string;
  let env: Record<string, string>;
  const write = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    return path;
  };

  beforeEach(async () => {
    t = await startTestHost();
    client = await t.client();
    dir = mkdtempSync(join(tmpdir(), 'callwire-import-'));
    env = serverEnv(t);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds 1,000 users over one pipelined connection, quoted fields and both header spellings included; a second run finds them all', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => csvLine([
      i % 7 === 0 ? `Pat "P${i}", Jr.` : `First${i}`, `Last${i}`, `user${i}`, `user${i}@example.com`, i % 10 === 0 ? `${9000 + i}, ${19000 + i}` : '', 'A',
    ]));
    const file = write('users.csv', ['First Name,LAST_NAME,USERNAME,email,Phones,status', ...rows]);
    const proxy = await CountingProxy.start(t.apiPort);
    try {
      const run = await runCli(['import', 'users', file, '--port', String(proxy.port)], env, 120000);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, `${file}: 1000 rows: 1000 added, 0 already existed, 0 failed\n`);
      assert.equal(proxy.connections, 1, 'one connection for every row');
      // Not a terminal: plain progress lines, one per tenth.
      const progress = run.stderr.trim().split('\n');
      assert.equal(progress.length, 10, run.stderr);
      assert.equal(progress.at(-1), '1000/1000 users (100%)');
    } finally {
      await proxy.close();
    }
    const users = await listedUsers(client);
    assert.equal(users.length, 1001, 'the 1000 and the administrator');
    assert.ok(users.includes('Pat "P7", Jr. Last7 <user7@example.com>'), 'a field with a quote and a comma arrived whole');
    assert.ok(users.includes('First999 Last999 <user999@example.com>'));
    assert.match(await send(client, 'IMPORTUSER', { ACTION: 'LIST' }), /<PHONES>(9010,19010|19010,9010)<\/PHONES>/);

    const again = await runCli(['import', 'users', file], env, 120000);
    assert.equal(again.status, 0, 'users that already exist are not failures');
    assert.equal(again.stdout, `${file}: 1000 rows: 0 added, 1000 already existed, 0 failed\n`);
  });

  it('reports a malformed row and a refused one by CSV line with the reason, imports the rest, and exits 1', async () => {
    const file = write('mixed.csv', [
      'FIRSTNAME,LASTNAME,EMAIL,STATUS',          // line 1
      'Ann,Able,ann@example.com,A',                // 2
      'Bob,"Ba"ker,bob@example.com,A',             // 3: text after a closing quote
      'Cid,Cole,cid@example.com',                  // 4: a field short
      '"Dee, ""D""",Dunn,"dee@example.com",I',     // 5
      'Eve,Ever,eve@example.com,X',                // 6: STATUS must be A or I (the server says so)
      '',                                          // 7: blank, skipped
      'Fay,Fox,fay@example.com,A',                 // 8
      '"Gus,Gray,gus@example.com,A',               // 9: the quote is never closed
      'Hal,Hill,hal@example.com,A',                // 10: read again after the bad line
    ]);
    const run = await runCli(['import', 'users', file], env);
    assert.equal(run.status, 1);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines[0], `${file}: 8 rows: 4 added, 0 already existed, 4 failed`);
    assert.equal(lines[1], '  line 3: malformed CSV: text after the closing quote of field 2');
    assert.equal(lines[2], '  line 4: malformed CSV: 3 field(s) where the header has 4');
    assert.match(lines[3]!, /^ {2}line 6: API_PARAMETERS_INVALID \(59\): .*STATUS/);
    assert.equal(lines[4], '  line 9: malformed CSV: the quoted field 1 is never closed');
    assert.equal(lines.length, 5);
    const users = await listedUsers(client);
    for (const added of ['Ann Able <ann@example.com>', 'Dee, "D" Dunn <dee@example.com>', 'Fay Fox <fay@example.com>', 'Hal Hill <hal@example.com>']) {
      assert.ok(users.includes(added), `${added} in ${users.join('; ')}`);
    }
    assert.equal(users.length, 5);
  });

  it('updates users that exist with --modify, matched by name, and adds the others', async () => {
    await send(client, 'IMPORTUSER', { ACTION: 'ADD', FIRSTNAME: 'Ann', LASTNAME: 'Able', EMAIL: 'old@example.com' });
    await send(client, 'IMPORTUSER', { ACTION: 'ADD', FIRSTNAME: 'Bea', LASTNAME: 'Best', EMAIL: 'bea@example.com' });
    const file = write('changes.csv', ['first_name,last_name,email', 'Ann,Able,new@example.com', 'Bea,Best,bea@example.com', 'Cal,Cole,cal@example.com']);
    const run = await runCli(['import', 'users', file, '--modify'], env);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${file}: 3 rows: 1 added, 1 modified, 1 unchanged, 0 already existed, 0 failed\n`);
    const users = await listedUsers(client);
    assert.ok(users.includes('Ann Able <new@example.com>'));
    assert.ok(users.includes('Cal Cole <cal@example.com>'));
  });

  it('refuses a header it cannot map before sending anything, and says which columns it takes', async () => {
    const file = write('typo.csv', ['FIRSTNAME,LASTNAME,EMIAL', 'Ann,Able,ann@example.com']);
    const run = await runCli(['import', 'users', file], env);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^the CSV header has column\(s\) IMPORTUSER does not take: 'EMIAL'; use USERID, USERNAME, .*EMAIL/);
    assert.equal((await listedUsers(client)).length, 1, 'nothing was imported');

    const missing = await runCli(['import', 'users', join(dir, 'nothing-here.csv')], env);
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, `callwire: cannot read ${join(dir, 'nothing-here.csv')}: no such file\n`);
    const wrong = await runCli(['import', 'groups', file], env);
    assert.equal(wrong.status, 2);
    assert.equal(wrong.stderr, "callwire import imports users: 'callwire import users FILE.csv', not 'groups'\n");
  });
});
