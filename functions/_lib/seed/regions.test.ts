import { readRegions, shortRegionName } from './regions';

test.each([
  ['希里嘎查村民委员会', '希里嘎查'],
  ['大沙头村民委员会', '大沙头村'],
  ['满都拉社区居委会', '满都拉社区'],
  ['乌兰新区居委会', '乌兰新区'],
  ['上海庙经济开发区虚拟社区', '上海庙经济开发区虚拟社区'],
  ['城川镇', '城川镇'],
])('%s is shown as %s', (name, short) => {
  expect(shortRegionName(name)).toBe(short);
});

test('csv has the banner, 5 towns and 86 villages', () => {
  const rows = readRegions();
  expect(rows.filter((row) => row.level === 'county')).toHaveLength(1);
  expect(rows.filter((row) => row.level === 'town')).toHaveLength(5);
  expect(rows.filter((row) => row.level === 'village')).toHaveLength(86);
});

test('every village code extends its town code', () => {
  for (const row of readRegions().filter((region) => region.level === 'village')) {
    expect(row.code.slice(0, 9)).toBe(row.parentCode);
  }
});
