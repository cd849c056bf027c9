/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    /** API origin for weapp builds; set at build time (config/index.ts). */
    TARO_APP_API_BASE?: string;
  }
}
