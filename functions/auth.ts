/** Vercel entry point of the auth module: /api/v1/auth/*. */
import { createModuleHandler } from './_lib/http/handler';
import { authRoutes } from './_lib/modules/auth/routes';

export default createModuleHandler('auth', authRoutes);
