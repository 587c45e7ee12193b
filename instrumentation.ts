// Runs once when an app instance starts (Node runtime only): background jobs.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startScheduler } = await import('@/server/jobs/scheduler');
    startScheduler();
    // Webhook deliveries: this instance's pg-boss worker (queued jobs survive restarts).
    const { startWebhookWorker } = await import('@/server/services/webhooks/start');
    startWebhookWorker();
    // Drift reports share their statistics out over worker threads; they load once, here.
    const { warmStatisticsThreads } = await import('@/server/services/monitoring/drift-threads');
    warmStatisticsThreads();
  }
}
