import type { UserConfigExport } from '@tarojs/cli';

// The API dev server (`npm run dev`) serves the H5 files from miniapp/dist/h5, so
// Taro's watch build writes them to disk besides serving them from memory; its
// own server on :10086 forwards API and file requests to the API server.
const apiOrigin = `http://127.0.0.1:${process.env.PORT || 3000}`;

export default {
  logger: {
    // Without this the progress bar repeats itself in a redirected log.
    quiet: true,
    stats: false,
  },
  mini: {},
  h5: {
    devServer: {
      host: '127.0.0.1',
      port: Number(process.env.H5_DEV_PORT || 10086),
      open: false,
      devMiddleware: { writeToDisk: true },
      proxy: {
        '/api': { target: apiOrigin, changeOrigin: false },
        '/files': { target: apiOrigin, changeOrigin: false },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
