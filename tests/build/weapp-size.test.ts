/**
 * Builds the weapp package and checks its sizes. WeChat rejects a main
 * package over 2 MB; we hold ours to 512 KiB so the first open on a rural
 * mobile network stays quick, and every module's pages live in a subpackage.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildMiniapp, MINIAPP_DIR } from '../helpers/build';

const OUTPUT = path.join(MINIAPP_DIR, 'dist', 'weapp');
const MAIN_PACKAGE_LIMIT = 512 * 1024;
/** Page folders allowed in the main package: the tab pages and the one scan entry every printed code opens. */
const MAIN_PAGES = ['pages/index/index', 'pages/mine/index', 'pages/scan/index', 'pages/invalid-code/index'];

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(full) : [full];
  });
}

let app: AppJson;
let sizes: { main: number; subpackages: Record<string, number> };

beforeAll(() => {
  if (process.env.WEAPP_SKIP_BUILD !== '1') buildMiniapp('weapp');
  app = JSON.parse(readFileSync(path.join(OUTPUT, 'app.json'), 'utf8')) as AppJson;

  const roots = (app.subPackages ?? app.subpackages ?? []).map((pkg) => pkg.root.replace(/\/$/, ''));
  sizes = { main: 0, subpackages: Object.fromEntries(roots.map((root) => [root, 0])) };
  for (const file of filesBelow(OUTPUT)) {
    const relative = path.relative(OUTPUT, file).split(path.sep).join('/');
    const root = roots.find((candidate) => relative.startsWith(`${candidate}/`));
    const size = statSync(file).size;
    if (root) sizes.subpackages[root] = (sizes.subpackages[root] ?? 0) + size;
    else sizes.main += size;
  }
  console.log(
    `weapp sizes in bytes: main ${sizes.main}, ${Object.entries(sizes.subpackages)
      .map(([root, size]) => `${root} ${size}`)
      .join(', ')}`,
  );
}, 180000);

test('main package is at most 512 KiB', () => {
  expect(sizes.main).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT);
});

test('main package holds only the entry pages', () => {
  expect([...app.pages].sort()).toEqual([...MAIN_PAGES].sort());
});

test.each(['shop', 'owner', 'admin', 'legal'])('%s pages are a subpackage', (root) => {
  const roots = (app.subPackages ?? app.subpackages ?? []).map((pkg) => pkg.root.replace(/\/$/, ''));
  expect(roots).toContain(root);
});

test('scan entry page is compiled', () => {
  expect(statSync(path.join(OUTPUT, 'pages', 'scan', 'index.js')).size).toBeGreaterThan(0);
});
