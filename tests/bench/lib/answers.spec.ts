import { MismatchSamples, whatDiffers } from './answers.js';

describe('whatDiffers', () => {
  const expected = '{"data":{"case":{"id":"a","timeline":[{"id":"1"},{"id":"2"}]}}}';

  it('names GraphQL errors by code and message', () => {
    const got =
      '{"errors":[{"message":"Zeitüberschreitung","extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}';
    expect(whatDiffers(expected, got)).toBe(
      '1 unexpected GraphQL error(s): "INTERNAL_SERVER_ERROR": "Zeitüberschreitung"',
    );
  });

  it('judges an answer meant to carry errors by where it departs', () => {
    const refused = '{"errors":[{"message":"no consent","extensions":{"code":"CONSENT_REQUIRED"}}],"data":{"x":1}}';
    const other = '{"errors":[{"message":"no consent","extensions":{"code":"CONSENT_REQUIRED"}}],"data":{"x":2}}';
    // The digit after `"data":{"x":` is character 90 of the 93 (from 0).
    expect(whatDiffers(refused, other)).toMatch(/^differs at char 90 of 93 \(got 93\)/);
    const worse =
      '{"errors":[{"message":"no consent","extensions":{"code":"CONSENT_REQUIRED"}},{"message":"boom","extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"x":1}}';
    expect(whatDiffers(refused, worse)).toBe('1 unexpected GraphQL error(s): "INTERNAL_SERVER_ERROR": "boom"');
  });

  it('says where the text first departs, with context on both sides', () => {
    const got = '{"data":{"case":{"id":"a","timeline":[{"id":"2"},{"id":"1"}]}}}';
    // Position counted by hand: the first "1" after `[{"id":"` is character 45 of 63.
    expect(whatDiffers(expected, got)).toBe(
      'differs at char 45 of 63 (got 63): expected …{"data":{"case":{"id":"a","timeline":[{"id":"1"},{"id":"2"}]}}}… got …{"data":{"case":{"id":"a","timeline":[{"id":"2"},{"id":"1"}]}}}…',
    );
  });

  it('tells an answer cut short apart from a longer one', () => {
    expect(whatDiffers('{"a":1}', '{"a":1,"b":2}')).toMatch(/^differs at char 6 of 7 \(got 13\)/);
  });

  it('says when the body is not JSON', () => {
    expect(whatDiffers(expected, '<html>502</html>')).toBe('not JSON (16 chars): <html>502</html>');
  });

  it('says equal for the expected text', () => {
    expect(whatDiffers(expected, expected)).toBe('equal');
  });
});

describe('MismatchSamples', () => {
  it('passes the expected body and keeps only the first few others', () => {
    const samples = new MismatchSamples('{"a":1}', 2);
    expect(samples.verify('{"a":1}')).toBe(true);
    expect(samples.verify('{"a":2}')).toBe(false);
    expect(samples.verify('{"a":3}')).toBe(false);
    expect(samples.verify('{"a":4}')).toBe(false);
    expect(samples.seen).toEqual([
      'differs at char 5 of 7 (got 7): expected …{"a":1}… got …{"a":2}…',
      'differs at char 5 of 7 (got 7): expected …{"a":1}… got …{"a":3}…',
    ]);
  });
});
