import { assertValidScene, decodeScene, encodeScene } from './scene';

describe('decodeScene', () => {
  test.each([
    ['plain shop scene', 's=JY01', { ok: true, kind: 'shop', code: 'JY01' }],
    ['encoded shop scene', 's%3DJY01', { ok: true, kind: 'shop', code: 'JY01' }],
    ['street scene', 't%3DJYJ', { ok: true, kind: 'street', code: 'JYJ' }],
    ['trace batch scene', 'b=B2026A', { ok: true, kind: 'traceBatch', code: 'B2026A' }],
    ['meeting scene', 'm=M7', { ok: true, kind: 'meeting', code: 'M7' }],
    ['padded scene', '  s=JY01 ', { ok: true, kind: 'shop', code: 'JY01' }],
  ])('%s', (_name, raw, expected) => {
    expect(decodeScene(raw)).toEqual(expected);
  });

  test.each([
    ['broken escape', '%E4%', 'malformed'],
    ['empty', '', 'empty'],
    ['missing', undefined, 'empty'],
    ['no prefix', 'JY01', 'malformed'],
    ['unknown prefix', 'x=JY01', 'unknown_kind'],
    ['code with space', 's=JY 01', 'bad_code'],
    ['double encoded', 's%253DJY01', 'malformed'],
    ['Chinese code', 's%3D%E5%BA%97', 'bad_code'],
  ])('%s is invalid', (_name, raw, reason) => {
    expect(decodeScene(raw)).toMatchObject({ ok: false, reason });
  });
});

describe('encodeScene', () => {
  test('round-trips through decode', () => {
    expect(decodeScene(encodeURIComponent(encodeScene('shop', 'JY12')))).toEqual({
      ok: true,
      kind: 'shop',
      code: 'JY12',
    });
  });

  test('rejects a code WeChat cannot carry', () => {
    expect(() => encodeScene('shop', '店铺')).toThrow('2 to 24 letters or digits');
  });

  test('fits 32 characters with the longest code', () => {
    expect(encodeScene('meeting', 'A'.repeat(24))).toHaveLength(26);
  });
});

describe('assertValidScene', () => {
  test('rejects 33 characters', () => {
    expect(() => assertValidScene('s='.padEnd(33, 'A'))).toThrow('1 to 32');
  });

  test('rejects a percent sign', () => {
    expect(() => assertValidScene('s=%41')).toThrow('allowed set');
  });
});
