/**
 * The main journeys as a person does them, on the H5 build in headless
 * Chromium against the real API: browse the street, open a shop by its
 * code, meet a broken code, and edit a shop as its owner.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { businessDay } from '../../shared/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { e2eAvailable, launchBrowser } from '../helpers/browser';
import { MINIAPP_DIR } from '../helpers/build';

const describeWithBrowser = e2eAvailable() ? describe : describe.skip;

/** Visible text on the page; H5 also keeps a hidden copy of the title in the navigation bar. */
function visibleText(page: Page, text: string) {
  return page.getByText(text, { exact: true }).filter({ visible: true }).first();
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeWithBrowser('H5 journeys', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({ h5Dir: path.join(MINIAPP_DIR, 'dist', 'h5') });
    browser = await launchBrowser();
  }, 90000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A fresh browser profile: no stored session, like a new visitor's phone. */
  async function newVisitor(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    return page;
  }

  test('street lists, filters and opens a shop', async () => {
    const page = await newVisitor();
    await page.goto(`${app.url}/#/pages/index/index`);

    await page.getByText('草原手把肉馆').first().waitFor();
    await expect(page.getByText('演示数据').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.shop-list > *').count()).resolves.toBe(13);

    await page.locator('.category-tabs__item', { hasText: '住宿' }).click();
    await expect(page.locator('.shop-list > *').count()).resolves.toBe(2);
    await expect(page.getByText('草原手把肉馆').count()).resolves.toBe(0);

    await page.locator('.shop-list').getByText('城川民族宾馆').click();
    await page.getByText('0477-0000105').waitFor();
    await expect(page.url()).toContain('/shop/pages/detail/index');
    await page.context().close();
  });

  test('encoded scene opens the shop and counts a scan', async () => {
    const admin = await app.loginAs('admin');
    const shop = (await app.request('GET', '/api/v1/shops/by-code/JY03')).body;
    const statsPath = `/api/v1/shops/${shop.id}/stats?from=${businessDay()}&to=${businessDay()}`;
    const viewsNow = async () =>
      (await app.request('GET', statsPath, { token: admin.accessToken })).body.totalViews as number;
    const before = await viewsNow();

    const page = await newVisitor();
    await page.goto(`${app.url}/#/pages/scan/index?scene=s%3DJY03`);
    await visibleText(page, '金元奶茶馆').waitFor();
    await visibleText(page, '07:00-20:00').waitFor();

    // The page records the scan after it shows the shop, so the count may lag a moment.
    await waitFor(async () => (await viewsNow()) === before + 1);
    expect(await viewsNow()).toBe(before + 1);
    await page.context().close();
  });

  test('shop page decodes a scene itself', async () => {
    const page = await newVisitor();
    await page.goto(`${app.url}/#/shop/pages/detail/index?scene=s%3DJY02`);
    await visibleText(page, '城川羊肉面馆').waitFor();
    await page.context().close();
  });

  test('malformed scene shows the invalid-code page', async () => {
    const page = await newVisitor();
    await page.goto(`${app.url}/#/pages/scan/index?scene=%E4%`);
    await visibleText(page, '二维码无效').waitFor();
    await expect(page.getByText('草原手把肉馆').count()).resolves.toBe(0);
    await page.context().close();
  });

  test('owner changes hours and a tourist sees them', async () => {
    const owner = await newVisitor();
    await owner.goto(`${app.url}/#/pages/mine/index`);
    await owner.locator('.nut-cell', { hasText: '草原手把肉馆店主（演示）' }).click();
    await owner.locator('.nut-cell', { hasText: '我的店铺' }).click();
    await visibleText(owner, '扫码统计').waitFor();
    // Taro's H5 router slides the new page in; clicking mid-animation misses the button.
    await owner.waitForTimeout(600);
    await owner.locator('.nut-button', { hasText: '编辑资料' }).filter({ visible: true }).first().click();

    const hours = owner.locator('input[placeholder="例如：每天 09:00-21:00"]');
    await hours.waitFor();
    await hours.fill('08:00-23:30');
    await owner.locator('.nut-button', { hasText: '保存' }).filter({ visible: true }).first().click();
    await visibleText(owner, '所有修改已保存').waitFor();
    await owner.context().close();

    const tourist = await newVisitor();
    await tourist.goto(`${app.url}/#/pages/scan/index?scene=s%3DJY01`);
    await visibleText(tourist, '08:00-23:30').waitFor();
    await tourist.context().close();
  });
  test('new owner reads the inbox message', async () => {
    const admin = await app.loginAs('admin');
    const tourist = await app.loginAs('tourist');
    const shop = (await app.request('GET', '/api/v1/shops/by-code/JY13')).body;
    const bound = await app.request('POST', `/api/v1/shops/${shop.id}/owners`, {
      token: admin.accessToken,
      json: { userId: tourist.user.id },
    });
    expect(bound.status).toBe(201);

    const page = await newVisitor();
    await page.goto(`${app.url}/#/pages/mine/index`);
    await page.locator('.nut-cell', { hasText: '游客小王（演示）' }).click();
    await visibleText(page, '1 条未读').waitFor();

    await page.locator('.nut-cell', { hasText: '消息' }).first().click();
    await visibleText(page, '您已成为店主').waitFor();
    await page.waitForTimeout(600);
    await visibleText(page, '您已成为店主').click();
    await visibleText(page, '城川农牧特产馆').waitFor();
    await expect(page.url()).toContain('/owner/pages/shops/index');
    await page.context().close();
  });
});
