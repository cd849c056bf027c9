export default definePageConfig({
  navigationBarTitleText: '发送失败的消息',
  enablePullDownRefresh: true,
});
