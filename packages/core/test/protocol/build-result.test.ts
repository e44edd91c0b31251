import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiOk, apiResult } from '../../src/protocol/api-result.js';
import { buildResult } from '../../src/protocol/build-result.js';
import { isSuccess, RESULT_CODES, resultTypeOf } from '../../src/protocol/result-codes.js';

// dist/test/protocol -> the package's test/fixtures (copied from shared/fixtures)
const fixtures = new URL('../../../test/fixtures/wfo-replies/', import.meta.url);

describe('buildResult', () => {
  it('lays out TEST exactly as the real product does', () => {
    const expected = readFileSync(new URL('webapi-test.xml', fixtures), 'utf8');
    assert.equal(buildResult('TEST', '17', apiOk()), expected);
  });

  it('escapes text and keeps the function data in the order given', () => {
    const xml = buildResult('X', '1', apiResult('API_DEVICE_INVALID', 'a & <b>', { COUNT: 2, ITEM: [{ NAME: 'Sales & Marketing' }, { NAME: '' }] }));
    assert.equal(
      xml,
      '<RESULT>\n\t<REQUESTTYPE>X</REQUESTTYPE>\n\t<REQUESTID>1</REQUESTID>\n\t<RESULTTYPE>API_DEVICE_INVALID</RESULTTYPE>\n' +
        '\t<RESULTCODE>8</RESULTCODE>\n\t<RESULTMSG>a &amp; &lt;b&gt;</RESULTMSG>\n\t<COUNT>2</COUNT>\n' +
        '\t<ITEM>\n\t\t<NAME>Sales &amp; Marketing</NAME>\n\t</ITEM>\n\t<ITEM>\n\t\t<NAME></NAME>\n\t</ITEM>\n</RESULT>',
    );
  });
});

describe('result codes', () => {
  it('has the manual\'s 58 labels from 0 to 59', () => {
    assert.equal(Object.keys(RESULT_CODES).length, 58);
    assert.equal(RESULT_CODES.API_OK, 20);
    assert.equal(RESULT_CODES.API_PARAMETERS_INVALID, 59);
    assert.equal(resultTypeOf(16), 'API_INVALID_MESSAGE_FORMAT');
    assert.equal(resultTypeOf(19), undefined);
    assert.ok(isSuccess('API_OK') && !isSuccess('API_DEVICE_INVALID'));
  });
});
