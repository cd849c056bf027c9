// Browsers have no WeChat privacy check; the notice is still linked from 我的.

export async function ensurePrivacyConsent(): Promise<boolean> {
  return true;
}

export function PrivacyPopup(): JSX.Element | null {
  return null;
}
