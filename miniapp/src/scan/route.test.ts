import { rawSceneFromParams, resolveScanTarget, resolveShopLookup, sceneFromQrLink } from './route';

describe('resolveScanTarget', () => {
  it('opens the shop page for an encoded shop scene', () => {
    expect(resolveScanTarget({ scene: 's%3DJY01' })).toEqual({
      action: 'openShop',
      url: '/shop/pages/detail/index?code=JY01&from=scan',
    });
  });

  it('accepts a scene that is already decoded', () => {
    expect(resolveScanTarget({ scene: 's=JY12' })).toMatchObject({ action: 'openShop' });
  });

  it('opens the street for a street scene', () => {
    expect(resolveScanTarget({ scene: 't%3DJYJ' })).toEqual({
      action: 'openStreet',
      url: '/pages/index/index?street=JYJ',
    });
  });

  it.each([
    ['b%3DB2024001', 'traceBatch'],
    ['m%3DM01', 'meeting'],
  ])('shows coming soon for %s', (scene, kind) => {
    expect(resolveScanTarget({ scene })).toEqual({ action: 'comingSoon', kind });
  });

  it.each([
    [undefined, 'empty'],
    ['', 'empty'],
    ['%E4%', 'malformed'],
    ['JY01', 'malformed'],
    ['x%3DJY01', 'unknown_kind'],
    ['s%3D%E9%87%91', 'bad_code'],
  ])('rejects scene %p as %s', (scene, reason) => {
    expect(resolveScanTarget({ scene })).toEqual({ action: 'invalid', reason });
  });

  it('ignores the extra parameters Taro adds on H5', () => {
    expect(resolveScanTarget({ scene: 's%3DJY02', stamp: '1', $taroTimestamp: '1733300000000' })).toMatchObject({
      action: 'openShop',
      url: '/shop/pages/detail/index?code=JY02&from=scan',
    });
  });

  it('reads the scene from an ordinary QR link', () => {
    const q = encodeURIComponent('https://example.invalid/m?scene=s%3DJY03');
    expect(resolveScanTarget({ q })).toMatchObject({
      action: 'openShop',
      url: '/shop/pages/detail/index?code=JY03&from=scan',
    });
  });
});

describe('sceneFromQrLink', () => {
  it('returns undefined for a link without a scene', () => {
    expect(sceneFromQrLink(encodeURIComponent('https://example.invalid/m?x=1'))).toBeUndefined();
  });

  it('returns undefined for a broken escape', () => {
    expect(sceneFromQrLink('%E4%')).toBeUndefined();
  });
});

describe('rawSceneFromParams', () => {
  it('prefers scene over q', () => {
    const q = encodeURIComponent('https://example.invalid/m?scene=s%3DJY03');
    expect(rawSceneFromParams({ scene: 's%3DJY01', q })).toBe('s%3DJY01');
  });
});

describe('resolveShopLookup', () => {
  it('counts a code from the scan page as a scan', () => {
    expect(resolveShopLookup({ code: 'JY01', from: 'scan' })).toEqual({ by: 'code', code: 'JY01', fromScan: true });
  });

  it('does not count a code from the street list', () => {
    expect(resolveShopLookup({ code: 'JY01' })).toEqual({ by: 'code', code: 'JY01', fromScan: false });
  });

  it('decodes a scene once and counts it as a scan', () => {
    expect(resolveShopLookup({ scene: 's%3DJY05' })).toEqual({ by: 'code', code: 'JY05', fromScan: true });
  });

  it('reports a street scene as unsupported', () => {
    expect(resolveShopLookup({ scene: 't%3DJYJ' })).toEqual({ by: 'unsupported', kind: 'street' });
  });

  it('rejects a broken scene', () => {
    expect(resolveShopLookup({ scene: 's%3D' })).toEqual({ by: 'invalid' });
  });

  it('rejects a code with other characters', () => {
    expect(resolveShopLookup({ code: 'JY01<script>' })).toEqual({ by: 'invalid' });
  });

  it('looks a shop up by id', () => {
    const id = '2f1c7a9e-0b7d-4d7e-9a43-6a1e0a3b9c11';
    expect(resolveShopLookup({ id })).toEqual({ by: 'id', id, fromScan: false });
  });

  it('rejects a page without parameters', () => {
    expect(resolveShopLookup({})).toEqual({ by: 'invalid' });
  });
});
