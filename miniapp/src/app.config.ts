export default defineAppConfig({
  pages: ['pages/index/index', 'pages/mine/index', 'pages/scan/index', 'pages/invalid-code/index'],
  // Each module's pages are a subpackage, so the main package (limit 2 MB in
  // WeChat, 512 KiB by this project's rule) carries only the street, 我的
  // and the scan entry with its invalid-code page.
  subPackages: [
    { root: 'shop', pages: ['pages/detail/index'] },
    { root: 'owner', pages: ['pages/shops/index', 'pages/edit/index', 'pages/stats/index', 'pages/code/index'] },
    { root: 'admin', pages: ['pages/owners/index', 'pages/dead-letters/index'] },
    { root: 'inbox', pages: ['pages/list/index'] },
    { root: 'legal', pages: ['pages/privacy/index'] },
  ],
  preloadRule: {
    // Most visitors open a shop from the street list next.
    'pages/index/index': { network: 'all', packages: ['shop'] },
  },
  window: {
    navigationBarTitleText: '数字乡村',
    navigationBarBackgroundColor: '#c8322a',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ee',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#7a7a7a',
    selectedColor: '#c8322a',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '街区',
        iconPath: 'assets/tab/street.png',
        selectedIconPath: 'assets/tab/street-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
  // Makes WeChat enforce the 用户隐私保护指引: privacy APIs wait for consent
  // through onNeedPrivacyAuthorization (see src/platform/privacy.weapp.tsx).
  __usePrivacyCheck__: true,
});
