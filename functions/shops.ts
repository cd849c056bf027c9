/** Vercel entry point of the shops module: /api/v1/shops/*. */
import { createModuleHandler } from './_lib/http/handler';
import { shopRoutes } from './_lib/modules/shops/routes';

export default createModuleHandler('shops', shopRoutes);
