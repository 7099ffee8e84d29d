// Client-side navigation is announced and moves focus; deep links survive a
// reload; unknown pages and unknown API paths get a proper "not found".
import { test, expect, type Page } from './fixtures';
import { SITE_NAME, h1, signIn } from './helpers';

/** After a client-side navigation: focus on the h1, the title and the live region updated. */
async function expectArrivedAt(page: Page, name: string) {
  const heading = h1(page, name);
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle(`${name} - ${SITE_NAME}`);

  const announcer = page.locator('#route-announcer');
  await expect(announcer).toContainText(name);
  const politeness = await announcer.evaluate(
    (el) => el.getAttribute('aria-live') ?? (el.getAttribute('role') === 'status' ? 'polite' : null),
  );
  expect(politeness, '#route-announcer is a polite live region').toBe('polite');
}

test('client-side navigation moves focus to the h1 and announces the page', async ({ page }) => {
  await signIn(page);
  // A marker on window survives client-side navigation but not a page load.
  await page.evaluate(() => ((window as unknown as { spaMarker: number }).spaMarker = 1));

  await page.getByRole('banner').getByRole('link', { name: 'Manage My Profile' }).first().click();
  await expect(page).toHaveURL(/\/profile$/);
  await expectArrivedAt(page, 'Manage My Profile');

  await page.getByRole('navigation').getByRole('link', { name: 'Summary', exact: true }).first().click();
  await expect(page).toHaveURL(/\/summary$/);
  await expectArrivedAt(page, 'Summary');

  const marker = await page.evaluate(() => (window as unknown as { spaMarker?: number }).spaMarker);
  expect(marker, 'the navigations happened without a page load').toBe(1);
});

test('a deep link survives a reload', async ({ page }) => {
  await signIn(page);
  await page.goto('/profile');
  await expect(h1(page, 'Manage My Profile')).toBeVisible();
  await page.reload();
  await expect(h1(page, 'Manage My Profile')).toBeVisible();
  await expect(page).toHaveTitle(`Manage My Profile - ${SITE_NAME}`);
});

test('an unknown page shows "Page not found" from the app', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status(), 'the SPA fallback serves index.html').toBe(200);
  await expect(h1(page, 'Page not found')).toBeVisible();
});

test('an unknown API path is a JSON 404', async ({ request }) => {
  const response = await request.get('/api/no-such-thing');
  expect(response.status()).toBe(404);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toBeTruthy();
});
