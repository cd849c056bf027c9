/** Placeholder replaced below when the end-to-end suite is written. */
export default async function globalSetup(): Promise<void> {}
