/**
 * The main journeys in WeChat DevTools through miniprogram-automator: the
 * weapp build, talking to a local API with the WeChat fake behind it.
 *
 * DevTools exists for Windows and macOS only, so elsewhere the suite is
 * skipped with a message; the same journeys run on H5 in tests/e2e.
 * NOTE: written against miniprogram-automator 0.12's documented API and never
 * run on this project's Linux machines; the first run on a DevTools machine
 * may need selector fixes.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildMiniapp } from '../helpers/build';

const ROOT = path.join(__dirname, '..', '..');

/** Finds the DevTools command-line tool: WECHAT_DEVTOOLS_CLI, else its default install path. */
function findDevtoolsCli(): string | undefined {
  const candidates = [
    process.env.WECHAT_DEVTOOLS_CLI,
    '/Applications/wechatwebdevtools.app/Contents/MacOS/cli',
    'C:/Program Files (x86)/Tencent/微信web开发者工具/cli.bat',
    'C:/Program Files/Tencent/微信web开发者工具/cli.bat',
  ];
  return candidates.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate as string));
}

const cliPath = findDevtoolsCli();
if (!cliPath) {
  console.warn(
    'WeChat DevTools suite skipped: DevTools is not installed here (it exists for Windows and macOS only). ' +
      'Install it and enable 设置 → 安全设置 → 服务端口, or set WECHAT_DEVTOOLS_CLI to its cli path. The H5 journeys in tests/e2e cover the same flows.',
  );
}
const describeWithDevtools = cliPath ? describe : describe.skip;

describeWithDevtools('weapp journeys in DevTools', () => {
  let app: TestApp;
  // The package ships no types that fit a typed import here; its objects are used through a few methods.
  let miniProgram: any;

  beforeAll(async () => {
    app = await startTestApp();
    buildMiniapp('weapp', { TARO_APP_API_BASE: app.url });

    const automator = require('miniprogram-automator');
    miniProgram = await automator.launch({ cliPath, projectPath: ROOT });
  }, 300000);

  afterAll(async () => {
    await miniProgram?.close();
    await app?.close();
  });

  async function textOf(page: any, selector: string): Promise<string> {
    const element = await page.$(selector);
    return element ? element.text() : '';
  }

  test('street lists the demo shops', async () => {
    const page = await miniProgram.reLaunch('/pages/index/index');
    await page.waitFor('.shop-item');
    const items = await page.$$('.shop-item');
    expect(items).toHaveLength(13);
  });

  test('encoded scene opens the shop', async () => {
    await miniProgram.reLaunch('/pages/scan/index?scene=s%3DJY01');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const page = await miniProgram.currentPage();
    expect(page.path).toBe('shop/pages/detail/index');
    expect(await textOf(page, '.shop-detail__name')).toBe('草原手把肉馆');
  });

  test('malformed scene shows the invalid-code page', async () => {
    await miniProgram.reLaunch('/pages/scan/index?scene=%E4%');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const page = await miniProgram.currentPage();
    expect(page.path).toBe('pages/invalid-code/index');
  });

  test('owner changes hours and a tourist sees them', async () => {
    // DevTools logs in through wx.login and the fake; the admin then makes that new user an owner.
    await miniProgram.reLaunch('/pages/mine/index');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const admin = await app.loginAs('admin');
    const users = (await app.request('GET', '/api/v1/auth/users', { token: admin.accessToken })).body.users;
    const newest = users.find((user: { isDemo: boolean }) => !user.isDemo);
    const shop = (await app.request('GET', '/api/v1/shops/by-code/JY01')).body;
    await app.request('POST', `/api/v1/shops/${shop.id}/owners`, {
      token: admin.accessToken,
      json: { userId: newest.id },
    });

    const edit = await miniProgram.reLaunch(`/owner/pages/edit/index?id=${shop.id}`);
    await edit.waitFor('input');
    let hours: any;
    for (const input of await edit.$$('input')) {
      if ((await input.attribute('placeholder')) === '例如：每天 09:00-21:00') hours = input;
    }
    expect(hours).toBeDefined();
    await hours.input('07:30-22:30');
    const save = await edit.$('.nut-button--primary, .nut-button-primary');
    await save.tap();
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const updated = (await app.request('GET', '/api/v1/shops/by-code/JY01')).body;
    expect(updated.openingHours).toBe('07:30-22:30');
  });
});
