export const wechatLoginAvailable = false;

export async function getWechatLoginCode(): Promise<string> {
  throw new Error('WeChat login is not available on H5; use demo login');
}
