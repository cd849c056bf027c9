import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// Shared contracts (scene decoding, API types) live outside miniapp/ and are
// compiled by the same Babel pipeline as the pages.
const sharedDir = path.resolve(__dirname, '..', '..', 'shared');

/** Returns the design width of a style file: 375 for NutUI, which is drawn at 375 px, and Taro's 750 for ours. */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' ? (input.file ?? '') : '';
  return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp';

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shuzi-xiangcun',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    // plugin-html gives NutUI the HTML tags it renders on H5. Mini-programs do
    // not need it, so it stays out of the size-limited weapp main package.
    plugins: platform === 'h5' ? ['@tarojs/plugin-html'] : [],
    alias: {
      '@shared': sharedDir,
    },
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000'),
    },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Prebundling runs esbuild over node_modules on every cold start and gains
      // nothing for a project of this size.
      prebundle: { enable: false },
    },
    cache: { enable: false },
    // Map markers need the icon as a file in the package (see src/platform/map.weapp.tsx).
    copy: {
      patterns:
        platform === 'weapp' ? [{ from: 'src/assets/marker.png', to: `dist/${platform}/assets/marker.png` }] : [],
      options: {},
    },
    mini: {
      compile: {
        include: [sharedDir],
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: {
        include: [sharedDir],
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // webpack's 244 KiB hint is meant for desktop sites; the H5 entry (React,
        // the Taro runtime and its router) is above it by design.
        chain.performance.hints(false);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
