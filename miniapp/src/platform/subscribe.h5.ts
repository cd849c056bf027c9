// Browsers have no subscribe messages; the pages hide the consent button.
export const subscribeSupported = false;

export async function requestSubscribe(_templateIds: string[]): Promise<Record<string, string>> {
  return {};
}
