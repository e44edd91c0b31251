import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { download, xmlTag } from './support/download.js';

/** RESULTCODE, RESULTTYPE and RESULTMSG of a reply, to compare doors. */
const answer = (xml: string) => ['RESULTCODE', 'RESULTTYPE', 'RESULTMSG'].map((name) => xmlTag(xml, name));

/**
 * One dispatcher, one error registry: the export functions go through the
 * same checks as every function, and a refusal reads the same whether it was
 * asked over the XML API (port 5620) or the WebAPI.
 */
describe('every door answers the same refusal alike', function () {
  this.timeout(30_000);
  let t: TestHost;
  let client: XmlClient;
  const web = async (query: string) => {
    const response = await download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?${query}`);
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /^text\/xml/, query);
    return response.body.toString('utf8');
  };
  const tcpRaw = async (xml: string) => {
    await client.write(`${xml}\r\n`);
    return (await client.read())[0]!;
  };
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);

  beforeEach(async () => {
    t = await startTestHost();
    client = await t.client();
  });
  afterEach(() => t?.close());

  it('EXPORT over the WebAPI with a bad or missing REQUESTID answers 14 from the dispatcher, as the XML API does, exporting and auditing nothing', async () => {
    const bad = await web('type=export&requestid=abc&uniquefield=ident&uniqueid=1&media_format=wav');
    assert.deepEqual(answer(bad), ['14', 'API_REQUESTID_INVALID', "REQUESTID 'abc' is not an integer from 0 to 2147483647"]);
    assert.equal(xmlTag(bad, 'REQUESTTYPE'), 'EXPORT');
    const overTcp = await tcpRaw('<REQUEST><TYPE>EXPORT</TYPE><REQUESTID>abc</REQUESTID><UNIQUEFIELD>ident</UNIQUEFIELD><UNIQUEID>1</UNIQUEID><MEDIA_FORMAT>wav</MEDIA_FORMAT></REQUEST>');
    assert.deepEqual(answer(overTcp), answer(bad));
    for (const type of ['export', 'combinedexport', 'multiexport']) {
      assert.deepEqual(answer(await web(`type=${type}&ident=1&media_format=wav`)), ['14', 'API_REQUESTID_INVALID', 'no REQUESTID was sent'], type);
    }
    assert.deepEqual(await storage().audit.list({ action: 'EXPORT' }), []);
  });

  it('EXPORT over the WebAPI gets the field table (59) and the XML-character check every function gets', async () => {
    const long = await web(`type=export&requestid=2&uniquefield=ident&uniqueid=1&media_format=${'w'.repeat(4)}`);
    assert.deepEqual(answer(long).slice(0, 2), ['59', 'API_PARAMETERS_INVALID']);
    assert.match(answer(long)[2]!, /^MEDIA_FORMAT is 4 characters; the limit is 3/);
    const control = await web('type=multiexport&requestid=2&ident=1%01&media_format=wav');
    assert.deepEqual(answer(control).slice(0, 2), ['59', 'API_PARAMETERS_INVALID']);
  });

  it('an unknown RECORDID: CALLUPDATE answers 40 with the same RESULTMSG over the XML API and the WebAPI', async () => {
    const overTcp = await send(client, 'CALLUPDATE', { RECORDID: 987654, USER4: 'x' }, 3);
    assert.equal(xmlTag(overTcp, 'RESULTCODE'), '40');
    assert.deepEqual(answer(await web('type=callupdate&requestid=3&recordid=987654&user4=x')), answer(overTcp));
  });

  it('a recording that does not exist: EXPORT answers 41 over the WebAPI; the XML API still points at the WebAPI (49)', async () => {
    assert.deepEqual(answer(await web('type=export&requestid=4&uniquefield=ident&uniqueid=999999&media_format=wav')), [
      '41', 'API_FILE_NOT_FOUND', "no recording has ident = '999999'",
    ]);
    const overTcp = await send(client, 'EXPORT', { UNIQUEFIELD: 'ident', UNIQUEID: '999999', MEDIA_FORMAT: 'wav' }, 4);
    assert.deepEqual(answer(overTcp).slice(0, 2), ['49', 'API_COMMAND_NOT_SUPPORTED']);
    assert.equal(xmlTag(overTcp, 'RESULTMSG'), 'EXPORT returns a file and is only available through the WebAPI: GET /webAPI.aspx?type=export&requestid=…');
  });

  it('a database failure during an export answers 23 (no longer 11), with the RESULTMSG CALLLIST gives on both doors', async () => {
    await storage().close();
    const overTcp = await send(client, 'CALLLIST', { DEVICEID: '1111' }, 5);
    assert.deepEqual(answer(overTcp), ['23', 'API_DATABASE_QUERY_ERROR', 'the database could not be used: the database is unavailable; the server log has the details']);
    assert.deepEqual(answer(await web('type=calllist&requestid=5&deviceid=1111')), answer(overTcp));
    for (const query of ['type=export&requestid=5&uniquefield=user2&uniqueid=10121968&media_format=mp3', 'type=combinedexport&requestid=5&ident=1,2&media_format=wav', 'type=multiexport&requestid=5&ident=1&media_format=vox']) {
      assert.deepEqual(answer(await web(query)), answer(overTcp), query);
    }
    assert.deepEqual(answer(await send(client, 'EXPORT', { UNIQUEFIELD: 'ident', UNIQUEID: '1', MEDIA_FORMAT: 'wav' }, 5)).slice(0, 2), ['49', 'API_COMMAND_NOT_SUPPORTED']);
  });
});
