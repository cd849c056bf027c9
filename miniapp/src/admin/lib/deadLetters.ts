// Pure helpers of the dead-letter page, free of Taro so unit tests can run them in Node.

/** Chinese names of the event kinds the API sends; keep in step with EVENT_KINDS on the server. */
const KIND_LABELS: Record<string, string> = {
  shopOwnerBound: '店主绑定通知',
  shopCodeGenerated: '小程序码生成通知',
};

const CHANNEL_LABELS: Record<string, string> = {
  inbox: '站内消息',
  subscribe: '微信订阅消息',
};

/** Names an event kind in Chinese; a kind this build does not know shows as its key. */
export function deadLetterKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** Names a delivery channel in Chinese; a channel this build does not know shows as its key. */
export function deadLetterChannelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}

/** Maximum length in characters of the error shown on a row, so that one long error does not crowd out the list. */
export const ERROR_NOTE_MAX_LENGTH = 120;

/** Shortens the last error to one line of at most `maxLength` characters, ending in … when cut. */
export function shortErrorNote(lastError: string | null, maxLength = ERROR_NOTE_MAX_LENGTH): string {
  const text = (lastError ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return '没有记录错误信息';
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
