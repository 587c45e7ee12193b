import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
// One data folder per port, so two runs on different ports (E2E_PORT) do not share a database.
const DATA_DIR = PORT === 3100 ? '.data/e2e' : `.data/e2e-${PORT}`;
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password-2026';

// Playwright's own Chromium when installed; otherwise the system one (Debian's package in CI).
const bundled = (() => {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
})();
const executablePath = process.env.CHROMIUM_PATH ?? (bundled && existsSync(bundled) ? undefined : '/usr/bin/chromium');

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // The real start path: embedded database in a fresh folder, migrations, demo seed, built app.
    command: `rm -rf ${DATA_DIR} && npm start`,
    url: `http://localhost:${PORT}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      MODELGATE_DATA_DIR: DATA_DIR,
      MODELGATE_DEMO_PASSWORD: E2E_ADMIN_PASSWORD,
      DATABASE_URL: '',
      MODELGATE_SIMULATE: '0', // the tests count events; no demo traffic
    },
  },
});
