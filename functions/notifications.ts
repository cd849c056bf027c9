/** Vercel entry point of the notifications module: /api/v1/notifications/*. */
import { createModuleHandler } from './_lib/http/handler';
import { notificationRoutes } from './_lib/modules/notifications/routes';

export default createModuleHandler('notifications', notificationRoutes);
