import Taro from '@tarojs/taro';

let enabled = false;

// While enabled, WeChat shows a confirm before a back navigation (button or gesture).
export function setLeaveGuard(message: string | null): void {
  if (message && !enabled) {
    Taro.enableAlertBeforeUnload({ message });
    enabled = true;
  } else if (!message && enabled) {
    Taro.disableAlertBeforeUnload();
    enabled = false;
  }
}
