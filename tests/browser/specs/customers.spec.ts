// The client switcher as the preparer uses it all day: LedgerlineAdmin lands on
// Customers after logging in, searches, sorts, changes the page size, opens a
// client's Summary, and the header's "Change client" link brings the list
// back as it was, with the client among Recent clients. Keyboard
// only; every page passes axe at the default width and at 320 px.
import { test, expect, type Page, type TestInfo } from './fixtures';
import {
  checkBothWidths,
  expectNoAxeViolations,
  expectPageText,
  h1,
  passwordField,
  PREPARER,
  tabTo,
  usernameField,
} from './helpers';

/** Opens Log In; the first load compiles the debug wasm, which is slow on a busy machine. */
async function openSignIn(page: Page) {
  await page.goto('/sign-in');
  await expect(usernameField(page)).toBeVisible({ timeout: 30_000 });
}

async function press(page: Page, role: 'link' | 'button', name: string) {
  const target = page.getByRole(role, { name, exact: true });
  await expect(target).toBeVisible();
  await tabTo(page, target, 120);
  await page.keyboard.press('Enter');
}

const table = (page: Page) => page.getByRole('table', { name: 'Customers you can work on' });
/** The names in the table's first column, top to bottom. */
const names = (page: Page) => table(page).locator('tbody th').allInnerTexts();
const count = (page: Page) => page.getByRole('main').getByText(/^Showing \d+/);

test('the preparer lands on Customers, finds a client, opens its Summary and comes back', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openSignIn(page);
  await tabTo(page, usernameField(page));
  await page.keyboard.type(PREPARER.username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(PREPARER.password);
  await page.keyboard.press('Enter');

  await expect(h1(page, 'Customers')).toBeVisible();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(count(page)).toHaveText(/^Showing 1–25 of \d{3}$/);
  await expect(table(page).locator('tbody tr')).toHaveCount(25);
  const nameHeader = table(page).getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await checkBothWidths(page, testInfo);

  // Sort by CT Tax Reg No, then turn it round.
  const regHeader = table(page).getByRole('columnheader', { name: 'CT Tax Reg No' });
  await press(page, 'button', 'CT Tax Reg No');
  await expect(regHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  const ascending = await table(page).locator('tbody td:nth-child(2)').allInnerTexts();
  expect(ascending).toEqual([...ascending].sort());
  await press(page, 'button', 'CT Tax Reg No');
  await expect(regHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=reg_number&dir=descending/);
  const descending = await table(page).locator('tbody td:nth-child(2)').allInnerTexts();
  expect(descending).toEqual([...descending].sort().reverse());

  // 50 a page, then the next page; Back returns to the first.
  // Tab stops on the chosen radio (25); the arrow key moves to the next.
  await tabTo(page, page.getByRole('radio', { name: '25', exact: true }), 60);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '50', exact: true })).toBeChecked();
  await press(page, 'button', 'Search');
  await expect(count(page)).toHaveText(/^Showing 1–50 of \d{3}$/);
  await press(page, 'link', 'Next page');
  await expect(count(page)).toHaveText(/^Showing 51–100 of \d{3}$/);
  await page.goBack();
  await expect(count(page)).toHaveText(/^Showing 1–50 of \d{3}$/);

  // Search by part of the name.
  const search = page.getByLabel('Search by name or CT Tax Reg No', { exact: true });
  await tabTo(page, search, 40);
  await page.keyboard.type('harbor');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=harbor/);
  await expect(count(page)).toHaveText(/^Showing 1–\d+ of \d{1,2}$/); // a few of the 300
  await expect(table(page).locator('tbody th').first()).toContainText('HARBOR');
  const found = await names(page);
  expect(found.length).toBeGreaterThan(0);
  for (const name of found) expect(name).toContain('HARBOR');
  await checkBothWidths(page, testInfo);

  // Open the first client: its Summary, with the way back in the header.
  const client = found[0];
  const inTable = table(page).getByRole('button', { name: client, exact: true });
  await tabTo(page, inTable, 120);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Summary')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: client })).toBeVisible();
  // "Change client": its visible words are its accessible name (issue 14 §4).
  const back = page.getByRole('banner').getByRole('link', { name: 'Change client', exact: true });
  await expect(back).toHaveText('Change client');
  await expect(page.getByRole('banner')).toContainText(client);
  await checkBothWidths(page, testInfo);

  // Back on Customers: the same search, and the client first among Recent clients.
  // From the h1, Tab passes every card's links before it wraps to the header.
  await tabTo(page, back, 60);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Customers')).toBeVisible();
  await expect(page).toHaveURL(/q=harbor/);
  await expect(page.getByLabel('Search by name or CT Tax Reg No', { exact: true })).toHaveValue('harbor');
  await expect.poll(() => names(page)).toEqual(found);
  const recent = page.getByRole('region', { name: 'Recent clients' });
  await expect(recent.getByRole('button').first()).toHaveText(client);
  await checkBothWidths(page, testInfo);
  await tabTo(page, recent.getByRole('button', { name: client, exact: true }), 40);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Summary')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: client })).toBeVisible();

  // The firm's own pages say they are about the firm, not the client chosen.
  await page.goto('/more/secondary-logons');
  await expect(h1(page, 'Secondary Logons')).toBeVisible();
  await expectPageText(page, `across all your customers: not only ${client}, the client you have chosen`);
});

test('a search that matches nothing says so', async ({ page }, testInfo) => {
  await openSignIn(page);
  await usernameField(page).fill(PREPARER.username);
  await passwordField(page).fill(PREPARER.password);
  await page.getByRole('button', { name: 'Log In', exact: true }).click();
  await expect(h1(page, 'Customers')).toBeVisible();
  await page.goto('/customers?q=no%20such%20business');
  await expect(table(page)).toContainText('No customers match your search.');
  await expect(count(page)).toHaveText('Showing 0 of 0');
  await checkBothWidths(page, testInfo);
});

test('a client is found by the middle of its CT Tax Reg No, typed as printed', async ({ page }, testInfo) => {
  await openSignIn(page);
  await usernameField(page).fill(PREPARER.username);
  await passwordField(page).fill(PREPARER.password);
  await page.getByRole('button', { name: 'Log In', exact: true }).click();
  await expect(h1(page, 'Customers')).toBeVisible();
  const row = table(page).locator('tbody tr').nth(3);
  const name = (await row.locator('th').innerText()).trim();
  const printed = (await row.locator('td').first().innerText()).trim();
  // "214-2214-4000" → "2214-40": neither its start nor its end.
  const middle = printed.slice(4, 11);
  const search = page.getByLabel('Search by name or CT Tax Reg No', { exact: true });
  await tabTo(page, search, 40);
  await page.keyboard.type(middle);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(middle)}`));
  await expect(table(page).locator('tbody th').filter({ hasText: name })).toHaveCount(1);
  await checkBothWidths(page, testInfo);
});
