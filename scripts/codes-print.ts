/**
 * `npm run codes:print`: an A4 PDF of every shop's 小程序码 on one street, six
 * to a page, for cutting out as door plates (一铺一码).
 *
 *   npm run codes:print -- [--street JYJ] [--out .data/codes-JYJ.pdf] [--regenerate]
 *
 * Without DATABASE_URL, WECHAT_API_BASE and UPSTASH_REDIS_REST_URL it runs on
 * the same local stack as `npm run dev`: PGlite in .data/pglite, migrated and
 * seeded, with the WeChat fake and the Redis bridge started in this process.
 * When any of the three is set it uses the configured services, as production
 * does, and neither migrates nor seeds.
 *
 * The sheet embeds Source Han Sans CN from @librescore/fonts (OFL-1.1), which
 * has Chinese glyphs but no Latin ones, so Latin text falls back to the PDF
 * standard font Helvetica, run by run.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Logger } from '../functions/_lib/logger';
import { businessDay } from '../shared/time';

// ---------------------------------------------------------------------------
// The sheet
// ---------------------------------------------------------------------------

/** The street a sheet is printed for. */
export interface SheetStreet {
  code: string;
  name: string;
  townName: string;
  isDemo: boolean;
}

/** One shop's code as the sheet prints it. */
export interface SheetEntry {
  shopId: string;
  name: string;
  shortCode: string;
  scene: string;
  isDemo: boolean;
  /** Key of the image in file storage. */
  storageKey: string;
  imageUrl: string;
}

/** Reads the bytes of an entry's code image, PNG or JPEG. */
export type ImageReader = (entry: SheetEntry) => Promise<Buffer>;

export interface CodeSheet {
  pdf: Buffer;
  pages: number;
  /** Characters of shop or street names that neither embedded font can draw; they print as empty boxes. */
  missingCharacters: string[];
}

export const COLUMNS = 2;
export const ROWS = 3;
export const CODES_PER_PAGE = COLUMNS * ROWS;

// Page geometry in PDF points (1/72 inch). A4 is 210 × 297 mm.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 36;
const HEADER_HEIGHT = 48;
const FOOTER_HEIGHT = 20;
const CELL_WIDTH = (PAGE_WIDTH - 2 * MARGIN) / COLUMNS;
const CELL_HEIGHT = (PAGE_HEIGHT - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT) / ROWS;

// 160 pt is 5.6 cm, which leaves room below the code for a two-line name and the small print in a cell of the 2 × 3 grid.
const CODE_SIZE = 160;
const CELL_PADDING = 12;
const NAME_MAX_SIZE = 16;
const NAME_MIN_SIZE = 11;
const NAME_MAX_LINES = 2;

const INK = '#111111';
const MUTED = '#555555';
const DEMO_COLOR = '#b45309';
const GUIDE_COLOR = '#bbbbbb';

const CJK_FONT = 'cjk';
const LATIN_FONT = 'Helvetica';

/** Path of the CJK font, resolved from its package so that it works from any working directory. */
function cjkFontPath(): string {
  return path.join(path.dirname(require.resolve('@librescore/fonts/package.json')), 'SourceHanSansCN.min.woff2');
}

/**
 * Code points the standard Helvetica can print. pdfkit 0.20 writes standard
 * fonts in WinAnsiEncoding, which is Latin-1 plus these 27 code points of cp1252.
 */
const WIN_ANSI_EXTRAS = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRAS.has(codePoint)
  );
}

interface TextRun {
  font: typeof CJK_FONT | typeof LATIN_FONT;
  text: string;
}

interface TextStyle {
  size: number;
  color: string;
}

/**
 * Draws text in two fonts on one baseline: pdfkit has no per-glyph font
 * fallback, so the text is cut into runs of one font each and placed by hand.
 */
class MixedText {
  readonly missing = new Set<string>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly cjk: fontkit.Font,
  ) {}

  runs(text: string): TextRun[] {
    const runs: TextRun[] = [];
    for (const character of text) {
      const codePoint = character.codePointAt(0) ?? 0;

      let font: TextRun['font'] = CJK_FONT;
      if (!this.cjk.hasGlyphForCodePoint(codePoint)) {
        if (isWinAnsi(codePoint)) font = LATIN_FONT;
        else this.missing.add(character);
      }

      const last = runs[runs.length - 1];
      if (last && last.font === font) last.text += character;
      else runs.push({ font, text: character });
    }
    return runs;
  }

  width(text: string, size: number): number {
    let total = 0;
    for (const run of this.runs(text)) total += this.doc.font(run.font).fontSize(size).widthOfString(run.text);
    return total;
  }

  /** Draws one line with its baseline at `y`, its left edge at `x` or its centre at `x` when centred. */
  draw(text: string, x: number, y: number, style: TextStyle & { align?: 'left' | 'center' | 'right' }): void {
    let cursor = x;
    if (style.align === 'center') cursor -= this.width(text, style.size) / 2;
    if (style.align === 'right') cursor -= this.width(text, style.size);

    for (const run of this.runs(text)) {
      this.doc.font(run.font).fontSize(style.size).fillColor(style.color);
      this.doc.text(run.text, cursor, y, { lineBreak: false, baseline: 'alphabetic' });
      cursor += this.doc.widthOfString(run.text);
    }
  }

  /**
   * Fits text into `maxWidth`: the largest size from `maxSize` down to
   * `minSize` that fits it on one line, else lines broken between
   * characters at `minSize`, the last one cut with an ellipsis.
   */
  fit(
    text: string,
    maxWidth: number,
    maxSize: number,
    minSize: number,
    maxLines: number,
  ): { size: number; lines: string[] } {
    for (let size = maxSize; size >= minSize; size -= 0.5) {
      if (this.width(text, size) <= maxWidth) return { size, lines: [text] };
    }

    const lines: string[] = [];
    let current = '';
    for (const character of text) {
      if (current !== '' && this.width(current + character, minSize) > maxWidth) {
        lines.push(current);
        current = '';
      }
      current += character;
    }
    if (current !== '') lines.push(current);
    if (lines.length <= maxLines) return { size: minSize, lines };

    const shown = lines.slice(0, maxLines);
    let last = shown[maxLines - 1] ?? '';
    while (last !== '' && this.width(`${last}…`, minSize) > maxWidth) last = [...last].slice(0, -1).join('');
    shown[maxLines - 1] = `${last}…`;
    return { size: minSize, lines: shown };
  }
}

function drawPageFrame(
  text: MixedText,
  street: SheetStreet,
  demo: boolean,
  page: number,
  pages: number,
  total: number,
  day: string,
): void {
  text.draw(`${street.name} 一铺一码`, MARGIN, MARGIN + 22, { size: 20, color: INK });
  text.draw(`${street.townName} · 扫码查看店铺介绍、营业时间和联系方式`, MARGIN, MARGIN + 40, {
    size: 9,
    color: MUTED,
  });
  if (demo) {
    text.draw('演示数据，非真实店铺', PAGE_WIDTH - MARGIN, MARGIN + 22, {
      size: 12,
      color: DEMO_COLOR,
      align: 'right',
    });
  }

  const footer = `街区编码 ${street.code} · 共 ${total} 家店铺 · 第 ${page}/${pages} 页 · 生成于 ${day}`;
  text.draw(footer, PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - 4, { size: 8, color: MUTED, align: 'center' });
}

function drawCell(
  doc: PDFKit.PDFDocument,
  text: MixedText,
  entry: SheetEntry,
  image: Buffer,
  left: number,
  top: number,
): void {
  // Dashed cutting guide around each plate.
  doc.save();
  doc.lineWidth(0.5).dash(4, { space: 3 }).strokeColor(GUIDE_COLOR).rect(left, top, CELL_WIDTH, CELL_HEIGHT).stroke();
  doc.restore();

  const centre = left + CELL_WIDTH / 2;
  const codeTop = top + CELL_PADDING + 2;
  doc.image(image, centre - CODE_SIZE / 2, codeTop, { width: CODE_SIZE, height: CODE_SIZE });

  if (entry.isDemo) {
    text.draw('演示数据', left + CELL_WIDTH - CELL_PADDING, top + CELL_PADDING + 4, {
      size: 8,
      color: DEMO_COLOR,
      align: 'right',
    });
  }

  const name = text.fit(entry.name, CELL_WIDTH - 2 * CELL_PADDING, NAME_MAX_SIZE, NAME_MIN_SIZE, NAME_MAX_LINES);
  let baseline = codeTop + CODE_SIZE + 6 + name.size;
  for (const line of name.lines) {
    text.draw(line, centre, baseline, { size: name.size, color: INK, align: 'center' });
    baseline += name.size * 1.25;
  }

  text.draw(`编号 ${entry.shortCode} · 场景值 ${entry.scene}`, centre, baseline, {
    size: 8,
    color: MUTED,
    align: 'center',
  });
}

/**
 * Lays out the codes of `entries`, in the given order, six to an A4 page and
 * returns the PDF. Fails when an image cannot be read or is not PNG or JPEG.
 */
export async function buildCodeSheet(
  street: SheetStreet,
  entries: SheetEntry[],
  readImage: ImageReader,
  options: { generatedAt?: Date } = {},
): Promise<CodeSheet> {
  if (entries.length === 0) throw new Error(`Street ${street.code} has no shops, so there is no sheet to print`);

  const images: Buffer[] = [];
  for (const entry of entries) {
    const bytes = await readImage(entry);
    if (!isPngOrJpeg(bytes)) {
      throw new Error(
        `Code image of shop ${entry.shortCode} (${entry.storageKey}) is not a PNG or JPEG; reprint with --regenerate`,
      );
    }
    images.push(bytes);
  }

  const fontBytes = readFileSync(cjkFontPath());
  const cjk = fontkit.create(fontBytes);
  if (!('hasGlyphForCodePoint' in cjk))
    throw new Error(`${cjkFontPath()} is a font collection; a single font is needed`);

  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `${street.name} 一铺一码`, Subject: `街区 ${street.code} 的店铺小程序码`, Creator: '数字乡村' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  doc.registerFont(CJK_FONT, fontBytes);
  const text = new MixedText(doc, cjk);
  const demo = street.isDemo || entries.some((entry) => entry.isDemo);
  const pages = Math.ceil(entries.length / CODES_PER_PAGE);
  const day = businessDay(options.generatedAt ?? new Date());

  for (let page = 0; page < pages; page += 1) {
    doc.addPage({ size: 'A4', margin: 0 });
    drawPageFrame(text, street, demo, page + 1, pages, entries.length, day);

    const onPage = entries.slice(page * CODES_PER_PAGE, (page + 1) * CODES_PER_PAGE);
    onPage.forEach((entry, index) => {
      const left = MARGIN + (index % COLUMNS) * CELL_WIDTH;
      const top = MARGIN + HEADER_HEIGHT + Math.floor(index / COLUMNS) * CELL_HEIGHT;
      drawCell(doc, text, entry, images[page * CODES_PER_PAGE + index] as Buffer, left, top);
    });
  }

  doc.end();
  await finished;
  return { pdf: Buffer.concat(chunks), pages, missingCharacters: [...text.missing] };
}

function isPngOrJpeg(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

// ---------------------------------------------------------------------------
// Codes from the service and images from storage. These import functions/
// lazily, because configuration is read once and the CLI sets it up first.
// ---------------------------------------------------------------------------

/** The error for a street code that has no row; `known` lists the streets that exist. */
export class StreetNotFoundError extends Error {
  constructor(
    readonly code: string,
    readonly known: { code: string; name: string }[],
  ) {
    const list = known.map((street) => `${street.code} (${street.name})`).join(', ') || 'none';
    super(`Street "${code}" not found. Known streets: ${list}. Pass one of them with --street.`);
    this.name = 'StreetNotFoundError';
  }
}

/**
 * Gets or makes the code of every shop on a street, in street order, through
 * the same service the admin API uses, so stored codes are reused.
 */
export async function collectShopCodes(
  streetCode: string,
  regenerate: boolean,
  log: Logger,
): Promise<{ street: SheetStreet; entries: SheetEntry[] }> {
  const { asc, eq } = await import('drizzle-orm');
  const { AppError } = await import('../shared/errors');
  const { getDb } = await import('../functions/_lib/db/client');
  const { miniProgramCodes, streets } = await import('../functions/_lib/db/schema');
  const { findStreet } = await import('../functions/_lib/modules/shops/queries');
  const { shopCode } = await import('../functions/_lib/modules/shops/codes');

  const db = await getDb();
  let detail;
  try {
    detail = await findStreet(db, streetCode);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'STREET_NOT_FOUND') throw error;
    const known = await db.select({ code: streets.code, name: streets.name }).from(streets).orderBy(asc(streets.code));
    throw new StreetNotFoundError(streetCode, known);
  }

  const entries: SheetEntry[] = [];
  for (const shop of detail.shops) {
    const code = await shopCode(shop.id, regenerate, log);
    const [row] = await db
      .select({ storageKey: miniProgramCodes.storageKey })
      .from(miniProgramCodes)
      .where(eq(miniProgramCodes.scene, code.scene));
    if (!row) throw new Error(`No stored code row for scene ${code.scene} of shop ${shop.shortCode}`);

    entries.push({
      shopId: shop.id,
      name: shop.name,
      shortCode: shop.shortCode,
      scene: code.scene,
      isDemo: shop.isDemo,
      storageKey: row.storageKey,
      imageUrl: code.imageUrl,
    });
  }

  return {
    street: { code: detail.code, name: detail.name, townName: detail.townName, isDemo: detail.isDemo },
    entries,
  };
}

/** Vercel Blob serves files from its CDN; a stuck download should fail the print, not hang it. */
const DOWNLOAD_TIMEOUT_MS = 15000;

/** Reads code images where the configured storage keeps them: the local folder, or the Blob URL. */
export async function createStorageImageReader(): Promise<ImageReader> {
  const { localStorageDir } = await import('../functions/_lib/storage/storage');
  const localDir = localStorageDir();

  if (localDir) {
    return async (entry) => {
      const file = path.join(localDir, entry.storageKey);
      try {
        return await readFile(file);
      } catch (error) {
        throw new Error(`Code image of shop ${entry.shortCode} is missing at ${file}; run again with --regenerate`, {
          cause: error,
        });
      }
    };
  }

  return async (entry) => {
    const response = await fetch(entry.imageUrl, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) {
      throw new Error(
        `Download of the code image of shop ${entry.shortCode} from ${entry.imageUrl} failed with HTTP ${response.status}; run again with --regenerate`,
      );
    }
    return Buffer.from(await response.arrayBuffer());
  };
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

const USAGE = `Usage: npm run codes:print -- [--street CODE] [--out FILE] [--regenerate]

  --street CODE   street code, JYJ by default
  --out FILE      PDF to write, .data/codes-<street>.pdf by default
  --regenerate    request new code images from WeChat instead of reusing stored ones`;

class UsageError extends Error {}

interface PrintOptions {
  street: string;
  out: string;
  regenerate: boolean;
}

function parseOptions(argv: string[]): PrintOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        street: { type: 'string' },
        out: { type: 'string' },
        regenerate: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return 'help';

  const street = parsed.values.street ?? 'JYJ';
  if (!/^[0-9A-Za-z]{2,24}$/.test(street)) {
    throw new UsageError(`--street "${street}" is invalid: a street code is 2 to 24 letters or digits, like JYJ`);
  }
  const out = parsed.values.out ?? path.join('.data', `codes-${street}.pdf`);
  if (out.trim() === '') throw new UsageError('--out is empty: pass a file path such as sheet.pdf');

  return { street, out: path.resolve(out), regenerate: parsed.values.regenerate === true };
}

/**
 * Finds other processes that hold files open inside `dir`, such as a running
 * `npm run dev`. PGlite 0.5.17 writes no lock file, so a second process on the
 * same data folder starts without error and both write to the same files.
 * Linux only, because it reads /proc: elsewhere it finds none.
 */
async function processesUsingDir(dir: string): Promise<string[]> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }

  const prefix = path.resolve(dir) + path.sep;
  const users: string[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue;
    }

    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (!target.startsWith(prefix)) continue;

      // The end of a command line names the script, like `scripts/dev/dev.ts --no-h5`.
      const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''))
        .split('\0')
        .filter(Boolean)
        .join(' ');
      users.push(`pid ${pid}: ${command.length > 100 ? `…${command.slice(-100)}` : command}`);
      break;
    }
  }
  return users;
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  // The service logs each generated code at info; this command prints its own
  // summary, so only warnings and errors show unless LOG_LEVEL sets another level.
  process.env.LOG_LEVEL ||= 'warn';

  const configured = ['DATABASE_URL', 'WECHAT_API_BASE', 'UPSTASH_REDIS_REST_URL'].filter((name) => process.env[name]);
  const local = configured.length === 0 && process.env.NODE_ENV !== 'production';

  // The Redis bridge may share a redis-server with a running `npm run dev`. The
  // access token cached there came from that process's WeChat fake, which this
  // process's fake rejects, so this run keeps its keys apart.
  if (local) process.env.REDIS_KEY_PREFIX ||= `codes-print:${process.pid}:`;

  // The database settings do not depend on the services started below, so the
  // check for another process on the PGlite folder runs before anything starts.
  const { parseConfig } = await import('../functions/_lib/config');
  const database = parseConfig(process.env).database;
  const inMemory = database.driver === 'pglite' && database.dataDir?.startsWith('memory://') === true;
  const pgliteDir =
    database.driver === 'pglite' && !inMemory
      ? path.resolve(database.dataDir ?? path.join('.data', 'pglite'))
      : undefined;
  if (pgliteDir) {
    const users = await processesUsingDir(pgliteDir);
    if (users.length > 0) {
      console.error(
        `The PGlite data folder ${pgliteDir} is in use by another process (${users.join('; ')}). ` +
          'PGlite does not lock its folder, and two processes writing to one folder can corrupt it: ' +
          'stop `npm run dev` first, or set PGLITE_DATA_DIR to another folder.',
      );
      return 1;
    }
  }

  // Imported only now: the functions read their configuration once, on first use.
  const { startServices, prepareDatabase } = await import('./dev/stack');
  const services = local ? await startServices() : undefined;
  const { closeDb } = await import('../functions/_lib/db/client');
  const { logger } = await import('../functions/_lib/logger');

  try {
    if (local) {
      // PGlite creates its data folder but not the folders above it, and a
      // fresh clone has no .data yet.
      if (pgliteDir) await mkdir(path.dirname(pgliteDir), { recursive: true });

      try {
        await prepareDatabase({ demo: true });
      } catch (error) {
        if (!pgliteDir) throw error;
        throw new Error(
          `Opening PGlite in ${pgliteDir} failed (${(error as Error).message}). If another process such as ` +
            '`npm run dev` uses this folder, stop it first, or set PGLITE_DATA_DIR to another folder.',
          { cause: error },
        );
      }
    }

    let collected;
    try {
      collected = await collectShopCodes(options.street, options.regenerate, logger.child({ module: 'codes-print' }));
    } catch (error) {
      if (!(error instanceof StreetNotFoundError)) throw error;
      console.error(error.message);
      return 1;
    }
    if (collected.entries.length === 0) {
      console.error(
        `Street ${collected.street.code} (${collected.street.name}) has no shops, so no sheet was written.`,
      );
      return 1;
    }

    const sheet = await buildCodeSheet(collected.street, collected.entries, await createStorageImageReader());
    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(options.out, sheet.pdf);

    const source = local
      ? 'local stack (PGlite, WeChat fake)'
      : `configured services (${configured.join(', ') || 'NODE_ENV=production'})`;
    console.log(
      `Wrote ${options.out}: ${collected.entries.length} shops of ${collected.street.code} ${collected.street.name} ` +
        `on ${sheet.pages} A4 pages, ${(sheet.pdf.length / 1024).toFixed(0)} KiB, codes ${options.regenerate ? 'regenerated' : 'reused or made once'}, from the ${source}.`,
    );
    if (sheet.missingCharacters.length > 0) {
      console.warn(
        `Warning: the fonts lack ${sheet.missingCharacters.join(' ')}; those characters print as empty boxes.`,
      );
    }
    return 0;
  } finally {
    await closeDb();
    await services?.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('codes:print failed:', error);
      process.exitCode = 1;
    },
  );
}
