// Manage Payment Channels as Jane Smith (Master Administrator of NATURAL
// HEALTH LLC), with the keyboard only: add a bank account (first with the
// account number typed differently, to see the error summary), see it masked
// in the list, rename it, and remove it after the confirmation page. Every
// page passes axe at the default width and at 320 px.
import { test, expect, type Page } from './fixtures';
import { checkBothWidths, expectPageText, h1, JANE, passwordField, tabTo, typeInto, usernameField } from './helpers';

async function press(page: Page, role: 'link' | 'button', name: string) {
  const target = page.getByRole(role, { name, exact: true });
  await expect(target).toBeVisible();
  await tabTo(page, target, 150);
  await page.keyboard.press('Enter');
}

async function logIn(page: Page) {
  await page.goto('/sign-in');
  await expect(usernameField(page)).toBeVisible({ timeout: 30_000 });
  await tabTo(page, usernameField(page));
  await page.keyboard.type(JANE.username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(JANE.password);
  await page.keyboard.press('Enter');
}

test('a bank account is added with the keyboard, shown masked, renamed and removed', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const nickname = `Payroll ${id}`;
  const renamed = `Wages ${id}`;

  await logIn(page);
  await expect(h1(page, 'Summary')).toBeVisible();
  await press(page, 'link', 'More...');
  await expect(h1(page, 'More...')).toBeVisible();
  await press(page, 'link', 'Manage Payment Channels');
  await expect(h1(page, 'Manage Payment Channels')).toBeVisible();
  const table = page.getByRole('table', { name: 'Bank accounts of NATURAL HEALTH LLC' });
  await expect(table.getByRole('row', { name: /Operating account/ })).toContainText('****9305');
  await checkBothWidths(page, testInfo);

  await press(page, 'link', 'Add a bank account');
  await expect(h1(page, 'Add a Bank Account')).toBeVisible();
  await checkBothWidths(page, testInfo);
  await typeInto(page, 'Nickname', nickname);
  await typeInto(page, 'Routing number', '011000015');
  await typeInto(page, 'Account number', '000123456789');
  await typeInto(page, 'Confirm account number', '000123456780');
  await tabTo(page, page.getByRole('radio', { name: 'Checking', exact: true }), 20);
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Checking', exact: true })).toBeChecked();
  await press(page, 'button', 'Save');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'The account numbers do not match' })).toBeVisible();
  await checkBothWidths(page, testInfo);
  // The summary's link takes focus to the box that is wrong.
  await press(page, 'link', 'The account numbers do not match');
  await expect(page.getByLabel('Confirm account number', { exact: true })).toBeFocused();
  await typeInto(page, 'Confirm account number', '0001 2345 6789');
  await press(page, 'button', 'Save');

  await expect(h1(page, 'Manage Payment Channels')).toBeVisible();
  await expectPageText(page, `The bank account ${nickname} (****6789) has been added.`);
  const row = table.getByRole('row', { name: new RegExp(nickname) });
  await expect(row).toContainText('****6789');
  await expect(row).toContainText('Checking');
  await expect(row).toContainText('Jane Smith');
  await expect(page.getByRole('main')).not.toContainText('000123456789');

  await press(page, 'link', `Rename ${nickname}`);
  await expect(h1(page, 'Rename Bank Account')).toBeVisible();
  await expect(page.getByLabel('Nickname', { exact: true })).toHaveValue(nickname);
  await checkBothWidths(page, testInfo);
  await typeInto(page, 'Nickname', renamed);
  await press(page, 'button', 'Save');
  await expect(h1(page, 'Manage Payment Channels')).toBeVisible();
  await expectPageText(page, `The bank account ${renamed} (****6789) has been saved.`);
  await expect(table.getByRole('row', { name: new RegExp(renamed) })).toContainText('****6789');

  await press(page, 'link', `Remove ${renamed}`);
  await expect(h1(page, 'Remove Bank Account')).toBeVisible();
  await expectPageText(page, `Remove the bank account ${renamed} (****6789)? It will no longer be offered for payments.`);
  await checkBothWidths(page, testInfo);
  await press(page, 'button', 'Remove');
  await expect(h1(page, 'Manage Payment Channels')).toBeVisible();
  await expectPageText(page, `The bank account ${renamed} (****6789) has been removed.`);
  await expect(table).not.toContainText(renamed);
  await expect(table).toContainText('Operating account');
});
