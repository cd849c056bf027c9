/** Vercel entry point of the regions module: /api/v1/regions/*. */
import { createModuleHandler } from './_lib/http/handler';
import { regionRoutes } from './_lib/modules/regions/routes';

export default createModuleHandler('regions', regionRoutes);
