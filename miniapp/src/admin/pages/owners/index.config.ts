export default definePageConfig({ navigationBarTitleText: '店主管理' });
