import assert from 'node:assert/strict';
import { ApiRequest, parseRequest } from '@callwire/core';
import { requestDocument } from '../../src/cli/request-document.js';

describe('requestDocument (the CLI\'s request writer)', () => {
  it('escapes markup and leaves legal text, surrogate pairs included, as it is', () => {
    assert.equal(
      requestDocument('CALLSTART', 3, [['ANI', 'a & <b> \u{1F600}']]),
      '<REQUEST><TYPE>CALLSTART</TYPE><REQUESTID>3</REQUESTID><ANI>a &amp; &lt;b&gt; \u{1F600}</ANI></REQUEST>\r\n',
    );
  });

  it('sends a character XML 1.0 forbids as a character reference, never raw and never silently changed, so the server refuses it naming the field', () => {
    const document = requestDocument('CALLSTART', 4, [['DEVICEID', '4242'], ['ANI', '614\u0001&\u000Bx'], ['USER1', '\uFFFE\uD800']]);
    assert.match(document, /<ANI>614&#x1;&amp;&#xB;x<\/ANI><USER1>&#xFFFE;&#xD800;<\/USER1>/);
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/.test(document));
    const request = parseRequest(document);
    assert.ok(request instanceof ApiRequest);
    assert.equal(request.get('ANI'), '614\u0001&\u000Bx', 'the server reads back exactly what was given');
    assert.deepEqual(request.illegalCharacters, [
      'ANI holds U+0001, a character XML 1.0 does not allow',
      'USER1 holds U+FFFE, a character XML 1.0 does not allow',
    ]);
  });
});
