// Type surface of subscribe.weapp.ts and subscribe.h5.ts: consent to WeChat subscribe messages.

/** Whether the platform can ask for subscribe-message consent; false on H5, where pages hide the button. */
export declare const subscribeSupported: boolean;

/**
 * Opens WeChat's subscribe panel for the given template ids and resolves with
 * what it returned: template id to 'accept', 'reject', 'ban' or 'filter', plus
 * errMsg. Call it directly in a tap handler, with nothing awaited before it,
 * or WeChat refuses to open the panel. Rejects with WeChat's { errCode, errMsg }.
 * On H5 it resolves {} without asking.
 */
export declare function requestSubscribe(templateIds: string[]): Promise<Record<string, string>>;
