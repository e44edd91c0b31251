import assert from 'node:assert/strict';
import { ApiRequest } from '../../src/protocol/api-request.js';
import { isParseFailure, parseRequest } from '../../src/protocol/parse-request.js';

function parsed(xml: string): ApiRequest {
  const request = parseRequest(xml);
  if (isParseFailure(request)) assert.fail(`expected a request, got: ${request.error}`);
  return request;
}

describe('parseRequest', () => {
  it('reads the manual TEST example', () => {
    const request = parsed('<REQUEST>\r\n  <TYPE>TEST</TYPE>\r\n  <REQUESTID>1</REQUESTID>\r\n</REQUEST>');
    assert.equal(request.type, 'TEST');
    assert.equal(request.requestId, '1');
    assert.deepEqual(request.parameterNames(), []);
  });

  it('takes the type from REQUESTTYPE and trims it (the manual\'s "<REQUESTTYPE> MODIFYUSERROLE </REQUESTTYPE>")', () => {
    const request = parsed('<REQUEST><REQUESTTYPE> MODIFYUSERROLE </REQUESTTYPE><REQUESTID>3</REQUESTID></REQUEST>');
    assert.equal(request.type, 'MODIFYUSERROLE');
  });

  it('uses a root other than REQUEST as the type, as the manual\'s overview describes', () => {
    assert.equal(parsed('<TEST><REQUESTID>4</REQUESTID></TEST>').type, 'TEST');
  });

  it('accepts a bare & in text: <GROUPNAME>Sales & Marketing</GROUPNAME>', () => {
    const request = parsed('<REQUEST><TYPE>ADDGROUP</TYPE><REQUESTID>1</REQUESTID><GROUPNAME>Sales & Marketing</GROUPNAME></REQUEST>');
    assert.equal(request.get('GROUPNAME'), 'Sales & Marketing');
  });

  it('decodes entities and character references, and keeps inner spaces while trimming the ends', () => {
    const request = parsed('<REQUEST><TYPE>X</TYPE><USER1>  a &amp; b &lt;c&gt; caf&#233;  </USER1></REQUEST>');
    assert.equal(request.get('USER1'), 'a & b <c> café');
  });

  it('upper-cases parameter names and keeps repeated children in order', () => {
    const request = parsed('<REQUEST><type>x</type><DeviceId>1</DeviceId><PHONE>1</PHONE><PHONE>2</PHONE></REQUEST>');
    assert.equal(request.type, 'X');
    assert.equal(request.get('DEVICEID'), '1');
    assert.deepEqual(request.getAll('PHONE'), ['1', '2']);
  });

  it('maps the manual\'s alias spellings to one name', () => {
    const request = parsed(
      '<REQUEST><TYPE>IMPORTUSER</TYPE><USER_ID>2</USER_ID><EMPLOYEE_ID>5</EMPLOYEE_ID><FIRST_NAME>Sally</FIRST_NAME>' +
        '<LAST_NAME>Smith</LAST_NAME><SYS_DOMAIN>Uptivity</SYS_DOMAIN><SITE_ID>1</SITE_ID><KEEP_DAYS>30</KEEP_DAYS></REQUEST>',
    );
    assert.deepEqual(
      ['USERID', 'EMPLOYEEID', 'FIRSTNAME', 'LASTNAME', 'DOMAIN', 'SITEID', 'KEEPDAYS'].map((n) => request.get(n)),
      ['2', '5', 'Sally', 'Smith', 'Uptivity', '1', '30'],
    );
    assert.deepEqual(request.conflicts, []);
  });

  it('records an alias conflict when both spellings carry different values', () => {
    const request = parsed('<REQUEST><TYPE>IMPORTUSER</TYPE><USERID>2</USERID><USER_ID>3</USER_ID></REQUEST>');
    assert.deepEqual(request.conflicts, ['USERID/USER_ID']);
    const same = parsed('<REQUEST><TYPE>IMPORTUSER</TYPE><USERID>2</USERID><USER_ID>2</USER_ID></REQUEST>');
    assert.deepEqual(same.conflicts, []);
  });

  it('refuses malformed XML with a message naming where, and keeps the REQUESTID when it can', () => {
    const failure = parseRequest('<REQUEST><REQUESTID>9</REQUESTID><TYPE>TEST</REQUEST>');
    assert.ok(isParseFailure(failure));
    assert.match(failure.error, /malformed XML at line 1/);
    assert.equal(failure.requestId, '9');
  });

  it('refuses a document with two roots', () => {
    assert.ok(isParseFailure(parseRequest('<A>1</A><B>2</B>')));
  });
});
