// Type surface of login.weapp.ts and login.h5.ts.

/** Whether the platform can log in with wx.login; H5 offers demo login instead. */
export declare const wechatLoginAvailable: boolean;

/** Gets a one-time wx.login code for POST /api/v1/auth/wechat. Rejects where wechatLoginAvailable is false. */
export declare function getWechatLoginCode(): Promise<string>;
