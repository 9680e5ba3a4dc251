import { check } from './checker.js';

describe('checker', () => {
  it('counts lost, duplicated and unexpected effects', () => {
    expect(check(['a', 'b', 'c'], ['a', 'a', 'b', 'x'])).toEqual({
      sent: 3,
      applied: 2,
      lost: 1,
      duplicated: 1,
      unexpected: 1,
    });
    expect(check(['a', 'b'], ['b', 'a'])).toEqual({ sent: 2, applied: 2, lost: 0, duplicated: 0, unexpected: 0 });
  });
});
