/** The street the home page shows when no street code is given: 金元街 in 城川镇. */
export const DEFAULT_STREET_CODE = 'JYJ';

/** Operator named in the privacy notice and on the 我的 page. */
export const OPERATOR_NAME = '鄂托克前旗大数据中心';
