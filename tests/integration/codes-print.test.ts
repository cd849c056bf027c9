/**
 * The printable sheet of shop codes (`npm run codes:print`), built from the
 * codes the real service makes and stores for the seeded demo street.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import {
  buildCodeSheet,
  CODES_PER_PAGE,
  collectShopCodes,
  createStorageImageReader,
  StreetNotFoundError,
  type ImageReader,
  type SheetEntry,
  type SheetStreet,
} from '../../scripts/codes-print';
import { DEMO_SHOPS } from '../../functions/_lib/seed/demo';
import type { Logger } from '../../functions/_lib/logger';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
let log: Logger;
let readImage: ImageReader;
let street: SheetStreet;
let entries: SheetEntry[];
let apiImageUrl: string;
let wechatCallsAfterFirstCollect: number;

/** Text of each page, as a PDF reader extracts it from the embedded fonts' ToUnicode maps. */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: false });
  return text;
}

/**
 * Returns each object's dictionary text by object number. pdfkit writes
 * dictionaries uncompressed and only stream contents deflated, so the text
 * before each `stream` or `endobj` is the whole dictionary.
 */
function pdfObjects(pdf: Buffer): Map<number, string> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const match of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const ends = [text.indexOf('stream', start), text.indexOf('endobj', start)].filter((index) => index >= 0);
    objects.set(Number(match[1]), text.slice(start, Math.min(...ends)));
  }
  return objects;
}

beforeAll(async () => {
  app = await startTestApp();
  log = (await import('../../functions/_lib/logger')).logger;
  readImage = await createStorageImageReader();

  // JY01's code is made through the admin API first, so the sheet must reuse it.
  const admin = await app.loginAs('admin');
  const list = await app.request('GET', '/api/v1/shops/streets/JYJ');
  const first = list.body.shops.find((shop: { shortCode: string }) => shop.shortCode === 'JY01');
  const created = await app.request('POST', `/api/v1/shops/${first.id}/code`, { token: admin.accessToken, json: {} });
  if (created.status !== 200) {
    throw new Error(`POST /shops/:id/code failed with ${created.status}: ${JSON.stringify(created.body)}`);
  }
  apiImageUrl = created.body.imageUrl;

  ({ street, entries } = await collectShopCodes('JYJ', false, log));
  wechatCallsAfterFirstCollect = app.wechat.calls('getwxacodeunlimit').length;
}, 60000);

afterAll(async () => {
  await app?.close();
});

describe('collectShopCodes', () => {
  test('lists every shop in street order', () => {
    expect(street).toEqual({ code: 'JYJ', name: '金元街', townName: '城川镇', isDemo: true });
    expect(entries.map((entry) => entry.shortCode)).toEqual(DEMO_SHOPS.map((shop) => shop.shortCode));
    expect(entries.map((entry) => entry.name)).toEqual(DEMO_SHOPS.map((shop) => shop.name));
    expect(entries.map((entry) => entry.scene)).toEqual(DEMO_SHOPS.map((shop) => `s=${shop.shortCode}`));
    expect(entries.every((entry) => entry.isDemo)).toBe(true);
  });

  test('reuses the code the API made', () => {
    expect(entries[0]?.imageUrl).toBe(apiImageUrl);
    expect(wechatCallsAfterFirstCollect).toBe(DEMO_SHOPS.length);
  });

  test('second run calls WeChat no more', async () => {
    const again = await collectShopCodes('JYJ', false, log);

    expect(again.entries).toEqual(entries);
    expect(app.wechat.calls('getwxacodeunlimit')).toHaveLength(wechatCallsAfterFirstCollect);
  });

  test('regenerate asks WeChat for each shop', async () => {
    const before = app.wechat.calls('getwxacodeunlimit').length;

    const again = await collectShopCodes('JYJ', true, log);

    expect(app.wechat.calls('getwxacodeunlimit')).toHaveLength(before + DEMO_SHOPS.length);
    expect(again.entries.map((entry) => entry.storageKey)).toEqual(entries.map((entry) => entry.storageKey));
  });

  test('unknown street names the known ones', async () => {
    const failure = collectShopCodes('NOPE', false, log);

    await expect(failure).rejects.toBeInstanceOf(StreetNotFoundError);
    await expect(failure).rejects.toThrow('Street "NOPE" not found. Known streets: JYJ (金元街).');
  });
});

describe('buildCodeSheet', () => {
  test('writes a PDF of six codes a page', async () => {
    const sheet = await buildCodeSheet(street, entries, readImage);

    expect(sheet.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sheet.pages).toBe(Math.ceil(DEMO_SHOPS.length / CODES_PER_PAGE));
    expect(sheet.pages).toBe(3);
    expect(sheet.missingCharacters).toEqual([]);

    const document = await getDocumentProxy(new Uint8Array(sheet.pdf));
    expect(document.numPages).toBe(3);
  });

  test('pages carry title, demo mark and names', async () => {
    const sheet = await buildCodeSheet(street, entries, readImage);
    const texts = await pageTexts(sheet.pdf);

    expect(texts).toHaveLength(3);
    texts.forEach((text, page) => {
      expect(text).toContain('金元街');
      expect(text).toContain('一铺一码');
      expect(text).toContain('演示数据');
      expect(text).toContain(`第 ${page + 1}/3 页`);

      for (const entry of entries.slice(page * CODES_PER_PAGE, (page + 1) * CODES_PER_PAGE)) {
        expect(text).toContain(entry.name);
        expect(text).toContain(entry.scene);
      }
    });
  });

  test('embeds one image per shop', async () => {
    const sheet = await buildCodeSheet(street, entries, readImage);
    const objects = pdfObjects(sheet.pdf);

    // A PNG with alpha is two image objects, the picture and its /SMask; JPEG is one.
    const masks = new Set(
      [...objects.values()].flatMap((header) =>
        [...header.matchAll(/\/SMask (\d+) 0 R/g)].map((match) => Number(match[1])),
      ),
    );
    const pictures = [...objects].filter(([id, header]) => header.includes('/Subtype /Image') && !masks.has(id));
    expect(pictures).toHaveLength(DEMO_SHOPS.length);

    const perPage = [...objects.values()]
      .filter((header) => header.includes('/XObject <<'))
      .map((header) => header.match(/\/I\d+ \d+ 0 R/g)?.length ?? 0);
    expect(perPage).toEqual([6, 6, 1]);
  });

  test('fits long and Latin names', async () => {
    const [first] = entries as [SheetEntry];
    const longName =
      '鄂托克前旗城川镇金元街草原手把肉馆老字号第二分店暨民族特色餐饮体验中心与研学团队接待点及农牧特产展示销售部';
    const odd = [
      { ...first, name: longName },
      { ...first, name: 'Café 24小时便利店' },
      { ...first, name: '牧民之家🐑' },
    ];

    const sheet = await buildCodeSheet(street, odd, readImage);
    const [text] = await pageTexts(sheet.pdf);

    expect(text).toContain('Café');
    expect(text).toContain('24小时便利店');
    expect(text).toContain('鄂托克前旗城川镇');
    expect(text).toContain('…');
    expect(text).not.toContain('展示销售部');
    expect(sheet.missingCharacters).toEqual(['🐑']);
  });

  test('non-image bytes fail naming the shop', async () => {
    const failure = buildCodeSheet(street, entries, async () => Buffer.from('{"errcode":40001}'));

    await expect(failure).rejects.toThrow('Code image of shop JY01 (codes/s-JY01.png) is not a PNG or JPEG');
  });

  test('empty street is rejected', async () => {
    await expect(buildCodeSheet(street, [], readImage)).rejects.toThrow('Street JYJ has no shops');
  });
});
