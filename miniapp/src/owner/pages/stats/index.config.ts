export default definePageConfig({
  navigationBarTitleText: '扫码统计',
  enablePullDownRefresh: true,
});
