/**
 * The county's division codes, read from the published CSV in ./data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface RegionRow {
  code: string;
  name: string;
  shortName: string;
  level: 'county' | 'town' | 'village';
  parentCode: string;
}

export const DIVISIONS_CSV = path.join(__dirname, 'data', 'otog-front-banner-divisions-2021.csv');

/**
 * Derives the name people use from the official long form: 村民委员会 and
 * 居委会 name the committee, not the place.
 */
export function shortRegionName(name: string): string {
  if (name.endsWith('嘎查村民委员会')) return name.slice(0, -'村民委员会'.length);
  if (name.endsWith('村民委员会')) return `${name.slice(0, -'村民委员会'.length)}村`;
  if (name.endsWith('社区居委会')) return name.slice(0, -'居委会'.length);
  if (name.endsWith('居委会')) return name.slice(0, -'居委会'.length);
  return name;
}

export function readRegions(file = DIVISIONS_CSV): RegionRow[] {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines.shift();
  if (header !== 'code,name,level,parent_code') {
    throw new Error(`${file} must start with the header "code,name,level,parent_code", found "${header}"`);
  }

  return lines.map((line, index) => {
    const [code, name, level, parentCode] = line.split(',');
    if (!code || !name || !parentCode || (level !== 'county' && level !== 'town' && level !== 'village')) {
      throw new Error(`${file} line ${index + 2} is not "code,name,level,parent_code": ${line}`);
    }
    return { code, name, shortName: shortRegionName(name), level, parentCode };
  });
}
