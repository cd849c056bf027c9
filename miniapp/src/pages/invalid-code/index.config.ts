export default definePageConfig({ navigationBarTitleText: '二维码无效' });
