export default definePageConfig({ navigationBarTitleText: '店铺小程序码' });
