export default definePageConfig({
  navigationBarTitleText: '金元街',
  enablePullDownRefresh: true,
});
