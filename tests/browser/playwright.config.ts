// Browser tests of the portal. Playwright starts the real server itself
// (target/debug/portal-server, demo data, a fresh data directory) and drives
// Debian's chromium: nothing is downloaded at run time.
//
// scripts/test.sh builds dist/ and the server, then sets PORTAL_TEST_PORT and
// PORTAL_TEST_DATA_DIR. Run alone: `npx playwright test` (after those builds).
import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import chromiumLaunch from './chromium.js';

const repo = path.resolve(__dirname, '..', '..');
const port = Number(process.env.PORTAL_TEST_PORT ?? 18080);
const baseURL = `http://127.0.0.1:${port}`;

// A fresh database for every run. Workers load this file too, so the directory
// is made once here and handed down to them through the environment.
if (!process.env.PORTAL_TEST_DATA_DIR) {
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-browser-'));
  process.env.PORTAL_TEST_DATA_DIR = made;
  process.on('exit', () => fs.rmSync(made, { recursive: true, force: true }));
}
const dataDir = process.env.PORTAL_TEST_DATA_DIR;

// Servers of their own for specs that change a demo logon for good (2-step
// verification), need a short idle timeout, or file returns (which change the
// Summary's balances other specs read), so other specs are unaffected.
// Specs reach them at PORTAL_TEST_PORT + 1, + 2 and + 3.
// PORTAL_SERVER_BIN / PORTAL_STATIC_DIR: test a build from another target dir.
const serverBin = process.env.PORTAL_SERVER_BIN ?? path.join(repo, 'target', 'debug', 'portal-server');
const staticDir = process.env.PORTAL_STATIC_DIR ?? path.join(repo, 'dist');
const extraServer = (offset: number, name: string, env: Record<string, string> = {}) => ({
  command: [
    serverBin,
    '--demo',
    '--demo-clients', '4',
    '--data-dir', path.join(dataDir, name),
    '--static-dir', staticDir,
    '--bind', `127.0.0.1:${port + offset}`,
    '--insecure-localhost-cookies',
  ].map((a) => JSON.stringify(a)).join(' '),
  url: `http://127.0.0.1:${port + offset}/api/health`,
  reuseExistingServer: false,
  timeout: 120_000,
  env: { RUST_LOG: process.env.RUST_LOG ?? 'warn', ...env },
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});
const extraServers = [
  extraServer(1, 'two-step'),
  // Idle for 30 s ends a session; the warning shows 24 s before that.
  extraServer(2, 'timeout', { PORTAL_IDLE_TIMEOUT_SECONDS: '30', PORTAL_TIMEOUT_WARNING_SECONDS: '24' }),
  extraServer(3, 'returns'),
];

export default defineConfig({
  testDir: './specs',
  fullyParallel: true,
  workers: 2, // the machines have 2 cores
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'playwright-report/results.json' }]],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    browserName: 'chromium',
    // Debian's chromium and its flags: chromium.js (scripts/measure-first-load.sh uses it too).
    launchOptions: chromiumLaunch,
  },
  webServer: [{
    command: [
      serverBin,
      '--demo',
      '--data-dir', dataDir,
      '--static-dir', staticDir,
      '--bind', `127.0.0.1:${port}`,
      '--insecure-localhost-cookies',
    ].map((a) => JSON.stringify(a)).join(' '),
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000, // first start migrates and seeds the demo data
    env: { RUST_LOG: process.env.RUST_LOG ?? 'warn' },
    stdout: 'ignore',
    stderr: 'pipe',
  }, ...extraServers],
});
