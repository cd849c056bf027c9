/**
 * Every notification the product sends, in one registry: what each event
 * carries, how the inbox shows it, and which subscribe-message template (if
 * any) goes to WeChat. Outbox event kinds are these keys and never change.
 */
import type { SubscribeFieldType } from './fields';

/** The payload each event kind carries, as the announcing module writes it. */
export interface EventPayloads {
  /** A county admin made a user an owner of a shop. */
  shopOwnerBound: { shopId: string; shopName: string; boundAt: string };
  /** A shop's 小程序码 was generated, so owners can print the door plate. */
  shopCodeGenerated: { shopId: string; shopName: string };
}

export type EventKind = keyof EventPayloads;

export interface InboxContent {
  title: string;
  body: string;
  /** Page the message opens, with its query. */
  page: string;
}

export interface SubscribeTemplate<P> {
  /** Key in WECHAT_SUBSCRIBE_TEMPLATES; the id itself comes from configuration. */
  templateKey: string;
  /** Page the message opens in the mini-program. */
  page(payload: P): string;
  /** Field keys of the template in the WeChat console, with their types. */
  fields: Record<string, SubscribeFieldType>;
  values(payload: P): Record<string, string | number | Date>;
}

export interface KindDefinition<P> {
  inbox(payload: P): InboxContent;
  subscribe?: SubscribeTemplate<P>;
}

export const EVENT_KINDS: { [K in EventKind]: KindDefinition<EventPayloads[K]> } = {
  shopOwnerBound: {
    inbox: (payload) => ({
      title: '您已成为店主',
      body: `大数据中心已将您设置为「${payload.shopName}」的店主，现在可以编辑店铺资料、查看扫码统计。`,
      page: '/owner/pages/shops/index',
    }),
    subscribe: {
      templateKey: 'shopOwnerBound',
      page: () => 'owner/pages/shops/index',
      // A 账号绑定 (account bound) style template: shop name, role, time.
      fields: { thing1: 'thing', thing2: 'thing', time3: 'time' },
      values: (payload) => ({ thing1: payload.shopName, thing2: '店主', time3: payload.boundAt }),
    },
  },
  shopCodeGenerated: {
    inbox: (payload) => ({
      title: '店铺小程序码已生成',
      body: `「${payload.shopName}」的小程序码已生成，可以在“我的店铺”中查看和保存，用于制作门牌。`,
      page: `/owner/pages/code/index?id=${payload.shopId}`,
    }),
  },
};

/** Subscribe template keys with the event kind that uses each, for the consent screen. */
export function subscribeTemplateKeys(): string[] {
  return Object.values(EVENT_KINDS).flatMap((kind) => (kind.subscribe ? [kind.subscribe.templateKey] : []));
}
