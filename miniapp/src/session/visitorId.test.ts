import { createVisitorId, isVisitorId } from './visitorId';

describe('createVisitorId', () => {
  it('makes ids the API accepts', () => {
    for (let run = 0; run < 50; run += 1) {
      expect(isVisitorId(createVisitorId())).toBe(true);
    }
  });

  it('stays in the alphabet when random returns its largest value', () => {
    expect(createVisitorId(() => 0.9999999999)).toBe('9'.repeat(24));
  });
});

describe('isVisitorId', () => {
  it.each([undefined, '', 'short', 'has space in it', 'x'.repeat(65)])('rejects %p', (value) => {
    expect(isVisitorId(value)).toBe(false);
  });
});
