import Taro from '@tarojs/taro';
import { createVisitorId, isVisitorId } from './visitorId';

const STORAGE_KEY = 'visitorId';

/**
 * Returns the random id that scan counting uses for unique visitors, making
 * and storing one on first use. Storage keeps repeat scans from one phone to
 * one visitor a day, and the id is not linked to the WeChat account.
 */
export function getVisitorId(): string {
  try {
    const stored: unknown = Taro.getStorageSync(STORAGE_KEY);
    if (isVisitorId(stored)) return stored;
  } catch (error) {
    console.warn('Reading the visitor id failed; making a new one', error);
  }

  const id = createVisitorId();
  try {
    Taro.setStorageSync(STORAGE_KEY, id);
  } catch (error) {
    console.warn('Storing the visitor id failed; this visit counts as a new visitor', error);
  }
  return id;
}
