import assert from 'node:assert/strict';
import { decodeAvayaUcid, MetadataError, readRecordingSession } from '../../src/metadata/index.js';

const read = (metadata: string) => readRecordingSession({ metadata });
const rejects = (metadata: string, message: RegExp) =>
  assert.throws(() => read(metadata), (e) => e instanceof MetadataError && message.test(e.message) && !e.message.includes('\n'));

describe('metadata: tolerance and clear errors', () => {
  it('broken XML is a one-line MetadataError naming line and column', () => {
    rejects('<recording xmlns="urn:ietf:params:xml:ns:recording:1"><participant>', /^recording metadata is not well-formed XML: .+ \(line 1, column \d+\)$/);
    rejects('<recording><name>A&B</name></recording>', /not well-formed XML: char '&' is not expected/);
    rejects('[metadata content]', /not well-formed XML/);
    rejects('', /no root element|not well-formed/);
    rejects('\u0000\u0001garbage<<', /not well-formed XML/);
  });

  it('a root that is not recording metadata is refused by name', () => {
    rejects('<html><body/></html>', /root element <html>, expected <recording>/);
  });

  it('entity tricks the validator lets through are a MetadataError, not a parser crash', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "${'x'.repeat(50)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY b${i} "${`&${i ? `b${i - 1}` : 'a'};`.repeat(10)}">`).join('')}]><recording><participant participant_id="p"><nameID aor="&b8;"/></participant></recording>`;
    try {
      const session = read(bomb);
      assert.ok((session.participants[0]?.aor?.length ?? 0) < 10_000_000);
    } catch (error) {
      assert.ok(error instanceof MetadataError, String(error));
    }
  });

  it('unknown elements and attributes are ignored, wherever they are', () => {
    const session = read(`<?xml version="1.0"?>
      <recording xmlns="urn:ietf:params:xml:ns:recording:1" xmlns:v="urn:example:vendor" v:flag="1">
        <v:banner><participant participant_id="fake"/></v:banner>
        <participant participant_id="p1" colour="blue"><nameID aor="sip:a@x"><name>A</name><v:nick>a</v:nick></nameID><v:extra/></participant>
        <weather>sunny</weather>
        <stream stream_id="s1" session_id="z"><label>7</label><v:codec>opus</v:codec></stream>
        <participantstreamassoc participant_id="p1"><send>s1</send><v:also>s9</v:also></participantstreamassoc>
      </recording>`);
    assert.equal(session.dialect, 'rfc7865');
    assert.deepEqual(session.participants.map((p) => [p.id, p.aor, p.name, p.sends]), [['p1', 'sip:a@x', 'A', ['7']]]);
    assert.deepEqual(session.streams.map((s) => s.label), ['7']);
  });

  it('namespace prefixes of any name and element names in any case are read alike', () => {
    const session = read(`<Q:Recording xmlns:Q='urn:ietf:params:xml:ns:recording:1'><Q:DataMode>Partial</Q:DataMode>
      <Q:Participant Participant_ID="p"><Q:NameId AOR="sip:b@y"><Q:Name>B</Q:Name></Q:NameId></Q:Participant>
      <Q:Stream Stream_Id="s"><Q:Label>3</Q:Label></Q:Stream>
      <Q:ParticipantStreamAssoc participant_id="p"><Q:Recv>s</Q:Recv></Q:ParticipantStreamAssoc></Q:Recording>`);
    assert.equal(session.dataMode, 'partial');
    assert.deepEqual(session.participants.map((p) => [p.aor, p.name, p.receives]), [['sip:b@y', 'B', ['3']]]);
  });

  it('stream labels tie to the SDP m-lines given in order; unlabelled m-lines become m-line:N streams', () => {
    const session = readRecordingSession({
      metadata: `<recording xmlns="urn:ietf:params:xml:ns:recording:1"><participant participant_id="p"/><stream stream_id="s"><label>b</label></stream>
        <participantstreamassoc participant_id="p"><send>s</send></participantstreamassoc></recording>`,
      mediaLines: [{}, { label: 'b' }],
    });
    assert.deepEqual(session.streams.map((s) => [s.id, s.label, s.mLineIndex]), [['s', 'b', 1], ['m-line:0', undefined, 0]]);
    assert.deepEqual(session.participants[0]!.sends, ['b']);
  });

  it('a partial snapshot without associations is not given streams by m-line order (they did not change)', () => {
    const session = readRecordingSession({
      metadata: `<recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>partial</datamode><participant participant_id="p"><nameID aor="sip:c@z"/></participant></recording>`,
      mediaLines: [{ label: '1' }],
    });
    assert.deepEqual([session.association, session.participants[0]!.sends], ['none', []]);
  });

  it('the SRS requestsnapshot reads as an empty rfc7865 session', () => {
    const session = read(`<requestsnapshot xmlns='urn:ietf:params:xml:ns:recording:1'><requestreason xml:lang="it">x</requestreason></requestsnapshot>`);
    assert.deepEqual([session.dialect, session.participants, session.streams, session.association], ['rfc7865', [], [], 'none']);
  });

  it('no input at all is an empty session from headers, not a crash', () => {
    const session = readRecordingSession({});
    assert.deepEqual([session.dialect, session.participants, session.streams], ['none', [], []]);
  });

  it('without metadata, P-Asserted-Identity names the caller when present, else From', () => {
    const headers = new Map([
      ['from', ['<sip:anonymous@anonymous.invalid>;tag=1']],
      ['to', ['"Desk" <sip:200@pbx>']],
      ['p-asserted-identity', ['"Ann Smith" <sip:+15551234@carrier;user=phone>']],
    ]);
    const session = readRecordingSession({ headers, mediaLines: [{ label: '1' }, { label: '2' }] });
    assert.deepEqual(session.participants.map((p) => [p.role, p.aor, p.name, p.sends]), [
      ['caller', 'sip:+15551234@carrier', 'Ann Smith', ['1']],
      ['callee', 'sip:200@pbx', 'Desk', ['2']],
    ]);
  });

  it('compact header forms are read (f: / i:)', () => {
    const session = readRecordingSession({ headers: new Map([['f', ['"Ann" <sip:ann@x;x-nearend;x-refci=12>;tag=1']], ['i', ['abc@h']]]) });
    assert.deepEqual([session.dialect, session.callIds.callId, session.callIds.refci], ['cisco-bib', 'abc@h', '12']);
  });
});

describe('metadata: Avaya UCID from User-to-User', () => {
  it('decodes the UCID element (FA, 8 bytes) to node, sequence and time digits', () => {
    assert.equal(decodeAvayaUcid('00FA080001000758A20EFA;encoding=hex'), '00001000071487015674');
    assert.equal(decodeAvayaUcid('00fa081003b9cf5e7df7e5'), '04099475671585313765');
  });

  it('finds the UCID after other information elements, and without the discriminator byte', () => {
    assert.equal(decodeAvayaUcid('00C8020102FA080001000758A20EFA'), '00001000071487015674');
    assert.equal(decodeAvayaUcid('FA080001000758A20EFA'), '00001000071487015674');
  });

  it('gives undefined for UUI that holds no UCID, is not hex, or is truncated', () => {
    assert.equal(decodeAvayaUcid('00C8020102'), undefined);
    assert.equal(decodeAvayaUcid('hello;encoding=ascii'), undefined);
    assert.equal(decodeAvayaUcid('00FA080001'), undefined);
    assert.equal(decodeAvayaUcid('0G'), undefined);
  });
});
