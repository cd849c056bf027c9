// Type surface of privacy.weapp.tsx and privacy.h5.tsx: WeChat's 用户隐私保护指引 consent.

/**
 * Asks for consent to the privacy notice when getPrivacySetting reports it is still needed,
 * and resolves whether the person agreed. Call it before chooseMedia and
 * saveImageToPhotosAlbum. A page that calls it must render <PrivacyPopup />.
 */
export declare function ensurePrivacyConsent(): Promise<boolean>;

/** Renders the consent popup while consent is pending; renders nothing otherwise, and always nothing on H5. */
export declare function PrivacyPopup(): JSX.Element | null;
