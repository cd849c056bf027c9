/**
 * Demo data for 金元街 in 城川镇. No public list of the street's shops exists,
 * so every shop here is invented and flagged `is_demo`; the app labels them
 * 演示 on screen. Facts in the intros (延安民族学院旧址, 三段地革命历史纪念馆,
 * 王震井, the 鄂托克前旗羊肉 geographic-indication mark since 2019) are public.
 *
 * Phone numbers are in the 0477 (鄂尔多斯) area but start with 0 after it, which
 * no real local number does, so a tap on 拨打电话 reaches no one.
 */
import type { ShopCategory, StreetSide } from '../../../shared/contracts/shops';

export const DEMO_STREET = {
  code: 'JYJ',
  name: '金元街',
  townCode: '150623102',
  intro:
    '金元街位于城川镇，是鄂托克前旗数字乡村示范街。街上每家店铺门口都有“一铺一码”，扫码即可查看店铺介绍、营业时间和联系方式。（演示数据）',
  // Approximate centre of 城川镇 for the demo map; not a surveyed position.
  centerLat: 37.6862,
  centerLng: 108.2545,
} as const;

export interface DemoShop {
  shortCode: string;
  name: string;
  category: ShopCategory;
  intro: string;
  openingHours: string;
  phone: string;
  position: number;
  side: StreetSide;
}

export const DEMO_SHOPS: DemoShop[] = [
  {
    shortCode: 'JY01',
    name: '草原手把肉馆',
    category: 'food',
    position: 1,
    side: 'north',
    openingHours: '10:00-21:30',
    phone: '0477-0000101',
    intro: '现煮手把肉、羊杂碎和奶茶，选用本地羊肉，可接待十人以上团餐。',
  },
  {
    shortCode: 'JY02',
    name: '城川羊肉面馆',
    category: 'food',
    position: 2,
    side: 'south',
    openingHours: '06:30-14:00',
    phone: '0477-0000102',
    intro: '早餐羊肉面、烧卖和手工饼，适合赶早去研学基地的游客。',
  },
  {
    shortCode: 'JY03',
    name: '金元奶茶馆',
    category: 'food',
    position: 3,
    side: 'north',
    openingHours: '07:00-20:00',
    phone: '0477-0000103',
    intro: '咸奶茶配炒米、奶皮子和果条，店内有蒙古族传统座席。',
  },
  {
    shortCode: 'JY04',
    name: '金元街驿站客栈',
    category: 'lodging',
    position: 4,
    side: 'south',
    openingHours: '全天营业',
    phone: '0477-0000104',
    intro: '12 间客房，含家庭房，步行可达街上各家店铺，可代订研学行程。',
  },
  {
    shortCode: 'JY05',
    name: '城川民族宾馆',
    category: 'lodging',
    position: 5,
    side: 'north',
    openingHours: '全天营业',
    phone: '0477-0000105',
    intro: '适合研学团队入住的标准间和会议室，提供早餐。',
  },
  {
    shortCode: 'JY06',
    name: '金元便民超市',
    category: 'grocery',
    position: 6,
    side: 'south',
    openingHours: '08:00-22:00',
    phone: '0477-0000106',
    intro: '日用品、饮料零食和本地时令果蔬，支持微信支付。',
  },
  {
    shortCode: 'JY07',
    name: '牧民生活超市',
    category: 'grocery',
    position: 7,
    side: 'north',
    openingHours: '08:30-21:00',
    phone: '0477-0000107',
    intro: '牧区常用生活物资、饲草料信息和农牧户代售商品。',
  },
  {
    shortCode: 'JY08',
    name: '红色记忆研学服务站',
    category: 'study_tour',
    position: 8,
    side: 'south',
    openingHours: '08:30-17:30',
    phone: '0477-0000108',
    intro: '组织参观延安民族学院城川旧址和纪念馆，提供讲解预约和团队路线。',
  },
  {
    shortCode: 'JY09',
    name: '三段地研学接待中心',
    category: 'study_tour',
    position: 9,
    side: 'north',
    openingHours: '09:00-17:00',
    phone: '0477-0000109',
    intro: '三段地革命历史纪念馆、王震井一线的研学接待与讲解服务。',
  },
  {
    shortCode: 'JY10',
    name: '草原马术体验馆',
    category: 'entertainment',
    position: 10,
    side: 'south',
    openingHours: '09:00-18:00',
    phone: '0477-0000110',
    intro: '骑马体验、射箭和亲子小马课程，由专业教练陪同。',
  },
  {
    shortCode: 'JY11',
    name: '金元街篝火晚会',
    category: 'entertainment',
    position: 11,
    side: 'north',
    openingHours: '19:30-22:00（夏季）',
    phone: '0477-0000111',
    intro: '夏季每晚的篝火晚会和民族歌舞表演，可团体预约。',
  },
  {
    shortCode: 'JY12',
    name: '鄂前旗羊肉特产店',
    category: 'specialty',
    position: 12,
    side: 'south',
    openingHours: '08:00-20:00',
    phone: '0477-0000112',
    intro: '鄂托克前旗羊肉（2019 年起为注册地理标志证明商标）冷鲜分割肉和礼盒，可真空包装。',
  },
  {
    shortCode: 'JY13',
    name: '城川农牧特产馆',
    category: 'specialty',
    position: 13,
    side: 'north',
    openingHours: '08:30-19:30',
    phone: '0477-0000113',
    intro: '本地农牧户代售的小米、荞面、奶制品和手工艺品。',
  },
];

/** Degrees of longitude between neighbouring shop fronts (about 30 m), for the demo map. */
const SHOP_SPACING_DEGREES = 0.00035;
const SIDE_OFFSET_DEGREES = 0.00012;

/** Demo coordinates: shops run west to east, north side slightly north of the centre line. */
export function demoShopLocation(shop: DemoShop): { lat: number; lng: number } {
  const offset = (shop.position - (DEMO_SHOPS.length + 1) / 2) * SHOP_SPACING_DEGREES;
  const lat = DEMO_STREET.centerLat + (shop.side === 'north' ? SIDE_OFFSET_DEGREES : -SIDE_OFFSET_DEGREES);
  return { lat: Number(lat.toFixed(6)), lng: Number((DEMO_STREET.centerLng + offset).toFixed(6)) };
}

/** Fixed ids so that docs and end-to-end tests can name a demo user. Openids have WeChat's 28-character form. */
export const DEMO_USERS = {
  admin: {
    id: '00000000-0000-4000-8000-000000000001',
    nickname: '大数据中心管理员（演示）',
    description: '旗大数据中心工作人员：绑定店主、生成店铺码',
    openid: 'oDemoAdmin000000000000000000',
  },
  foodOwner: {
    id: '00000000-0000-4000-8000-000000000002',
    nickname: '草原手把肉馆店主（演示）',
    description: '店主：管理「草原手把肉馆」',
    openid: 'oDemoFoodOwner00000000000000',
  },
  lodgingOwner: {
    id: '00000000-0000-4000-8000-000000000003',
    nickname: '驿站客栈店主（演示）',
    description: '店主：管理「金元街驿站客栈」',
    openid: 'oDemoLodgingOwner00000000000',
  },
  tourist: {
    id: '00000000-0000-4000-8000-000000000004',
    nickname: '游客小王（演示）',
    description: '普通游客：浏览街区和店铺',
    openid: 'oDemoTourist0000000000000000',
  },
} as const;

/** Owner grants of the demo shops. */
export const DEMO_OWNERSHIP = [
  { userId: DEMO_USERS.foodOwner.id, shortCode: 'JY01' },
  { userId: DEMO_USERS.lodgingOwner.id, shortCode: 'JY04' },
] as const;
