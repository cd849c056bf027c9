import Taro from '@tarojs/taro';

export const wechatLoginAvailable = true;

export async function getWechatLoginCode(): Promise<string> {
  const { code } = await Taro.login();
  if (!code) throw new Error('wx.login returned no code');
  return code;
}
