// The first download holds Log In and the Summary only; every other page's
// code comes in a module of its own when the page is first shown, is cached
// for good, and a module that cannot be fetched says so instead of breaking
// the app. scripts/check-first-load.sh counts the first download's bytes.
import { test, expect, type Page } from './fixtures';
import { SITE_NAME, h1, signIn } from './helpers';

/** The paths of the .wasm files the page fetches from now on. */
function wasmFetches(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) paths.push(path);
  });
  return paths;
}

const MAIN_MODULE = /^\/portal-app-[0-9a-f]{16}_bg\.wasm$/;
const LAZY_MODULE = /^\/(split|chunk)_[a-z0-9_]+-[0-9a-f]{16}\.wasm$/;

test('Log In and the Summary need nothing but the first download', async ({ page }) => {
  const fetched = wasmFetches(page);
  await signIn(page);
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  expect(fetched.length, `wasm fetched: ${fetched.join(', ')}`).toBe(1);
  expect(fetched[0]).toMatch(MAIN_MODULE);
  // The session timeout warning's module follows a few seconds later, once
  // the Summary is shown, and is the only other module fetched.
  const warning = /^\/split_timeout_warning-[0-9a-f]{16}\.wasm$/;
  await expect.poll(() => fetched.some((path) => warning.test(path)), { timeout: 15_000 }).toBe(true);
  expect(fetched.filter((path) => /^\/split_/.test(path))).toHaveLength(1);
});

test("a page's module is fetched when the page is first shown, and cached for good", async ({ page }) => {
  await signIn(page);
  const fetched = wasmFetches(page);
  const responses: Record<string, string> = {};
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (LAZY_MODULE.test(path)) responses[path] = response.headers()['cache-control'] ?? '';
  });
  await page.getByRole('banner').getByRole('link', { name: 'Manage My Profile' }).first().click();
  await expect(h1(page, 'Manage My Profile')).toBeFocused();
  expect(fetched.length, 'the profile pages came in their own module').toBeGreaterThan(0);
  for (const path of fetched) expect(path).toMatch(LAZY_MODULE);
  for (const [path, cache] of Object.entries(responses)) {
    expect(cache, `Cache-Control of ${path}`).toContain('immutable');
  }
});

test('a page opened by its address loads its module on the first load', async ({ page }) => {
  await signIn(page);
  const fetched = wasmFetches(page);
  await page.goto('/more/access');
  await expect(h1(page, 'Manage Your Access')).toBeVisible();
  await expect(page).toHaveTitle(`Manage Your Access - ${SITE_NAME}`);
  expect(fetched.some((path) => MAIN_MODULE.test(path)), 'a new document: the main module again').toBe(true);
  expect(fetched.some((path) => LAZY_MODULE.test(path)), 'and the page\'s own module').toBe(true);
});

test.describe('with the connection dropping', () => {
  // The dropped fetches, and the split loader's own report of them, are what
  // this test provokes; anything else in the console still fails it.
  test.use({ allowedConsoleErrors: /net::ERR_INTERNET_DISCONNECTED|^TypeError: Failed to fetch/ });

test('a page whose module cannot be fetched says so, and Try again loads it', async ({ page }) => {
  await signIn(page);
  // The connection drops for the page's code only.
  const lazyModule = (url: URL) => LAZY_MODULE.test(url.pathname);
  await page.route(lazyModule, (route) => route.abort('internetdisconnected'));
  await page.getByRole('banner').getByRole('link', { name: 'Manage My Profile' }).first().click();
  const failed = h1(page, 'This page could not be loaded');
  await expect(failed).toBeFocused();
  await expect(page.getByRole('alert')).toContainText('Check your internet connection');
  await expect(page.locator('#route-announcer')).toContainText('This page could not be loaded');

  // The rest of the app still works: back to the Summary, which needs no module.
  await page.getByRole('navigation').getByRole('link', { name: 'Summary', exact: true }).first().click();
  await expect(h1(page, 'Summary')).toBeFocused();

  await page.getByRole('banner').getByRole('link', { name: 'Manage My Profile' }).first().click();
  await expect(failed).toBeVisible();
  await page.unroute(lazyModule);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(h1(page, 'Manage My Profile')).toBeVisible();
  await expect(page).toHaveURL(/\/profile$/);
});
});
