// Babel settings for the Taro build. babel-preset-taro covers React, TypeScript
// and the mini-program runtime; babel-plugin-import rewrites NutUI imports to
// per-component paths so that only the used components and their CSS are bundled.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        camel2DashComponentName: false,
        // NutUI 3.0.20 keeps each component in a lower-case folder
        // (dist/es/packages/tabpane), while the export is TabPane.
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: (name) => `${name}/style/css`,
      },
      'nutui-react-taro',
    ],
    [
      'import',
      {
        libraryName: '@nutui/icons-react-taro',
        libraryDirectory: 'dist/es/icons',
        camel2DashComponentName: false,
        // Icons draw from data-URI SVGs sized by this sheet; without it they render 0×0.
        style: () => '@nutui/icons-react-taro/dist/style_icon.css',
      },
      'nutui-icons-react-taro',
    ],
  ],
};
