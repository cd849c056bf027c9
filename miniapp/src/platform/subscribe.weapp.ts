import Taro from '@tarojs/taro';

export const subscribeSupported = true;

export async function requestSubscribe(templateIds: string[]): Promise<Record<string, string>> {
  // The call has to start in the same tick as the tap, so nothing is awaited before it.
  const result = await Taro.requestSubscribeMessage({ tmplIds: templateIds } as Taro.requestSubscribeMessage.Option);
  return { ...result } as Record<string, string>;
}
