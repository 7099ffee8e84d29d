// Signing in and out: keyboard only, the error summary, a wrong password,
// Log Out, and "You last logged in on" on the next sign-in.
import { test, expect } from './fixtures';
import {
  JANE,
  PREPARER,
  describeFocus,
  expectPageText,
  h1,
  logInButton,
  openSignIn,
  pageText,
  passwordField,
  signIn,
  tabTo,
  usernameField,
} from './helpers';

test('signs in using only the keyboard and shows the Summary', async ({ page }) => {
  await openSignIn(page);

  // The first Tab stop on the page is the skip link.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' }), await describeFocus(page)).toBeFocused();

  await tabTo(page, usernameField(page));
  await page.keyboard.type(JANE.username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(JANE.password);
  await page.keyboard.press('Enter');

  await expect(h1(page, 'Summary')).toBeVisible();
  await expect(page).toHaveURL(/\/summary$/);
  for (const text of [
    'NATURAL HEALTH LLC',
    '21422144000',
    '800 MAPLE AVE HARTFORD CT 06114-2322',
    'Welcome, Jane Smith',
  ]) {
    await expectPageText(page, text);
  }

  // The account cards: the smallest element holding both the heading and the account number.
  const salesAndUse = page
    .locator('article, section, li, div')
    .filter({ has: page.getByRole('heading', { level: 2, name: 'Sales & Use' }) })
    .filter({ hasText: '0108824360' })
    .last();
  await expect(salesAndUse).toContainText('Annual Filer');
  await expect(salesAndUse).toContainText('$100.00');

  const withholding = page
    .locator('article, section, li, div')
    .filter({ has: page.getByRole('heading', { name: 'Withholding' }) })
    .filter({ hasText: 'Quarterly - Payroll Filer' })
    .last();
  await expect(withholding).toBeVisible();
});

test('an empty form shows the error summary, which links to the fields', async ({ page }) => {
  await openSignIn(page);
  await logInButton(page).click();

  const summaryHeading = page.getByRole('heading', { name: 'There is a problem' });
  await expect(summaryHeading).toBeVisible();
  const usernameLink = page.getByRole('link', { name: 'Enter your username' });
  const passwordLink = page.getByRole('link', { name: 'Enter your password' });
  await expect(usernameLink).toBeVisible();
  await expect(passwordLink).toBeVisible();

  // Focus moves to the summary, and the title says there is an error.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''), {
      message: 'focus is on the error summary',
    })
    .toContain('There is a problem');
  await expect(page).toHaveTitle(/^Error: /);

  // Each link takes focus to its field: by mouse, then by keyboard.
  await usernameLink.click();
  await expect(usernameField(page)).toBeFocused();
  await passwordLink.focus();
  await page.keyboard.press('Enter');
  await expect(passwordField(page)).toBeFocused();
});

test('a wrong password is refused with a message', async ({ page }) => {
  // The preparer logon, so Jane's failed-attempt count stays untouched for the other tests.
  await openSignIn(page);
  await usernameField(page).fill(PREPARER.username);
  await passwordField(page).fill('not the password');
  await logInButton(page).click();

  await expect(page.getByText('The username or password you entered is incorrect').first()).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page).toHaveTitle(/^Error: /);
});

test('Log Out returns to Log In, and the Summary then needs a new sign-in', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Log Out' }).click();

  await expect(logInButton(page)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.goto('/summary');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(logInButton(page)).toBeVisible();
  await expect(h1(page, 'Summary')).toHaveCount(0);
});

test('the next sign-in shows when you last logged in', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Log Out' }).click();
  await expect(logInButton(page)).toBeVisible();

  await signIn(page);
  await expectPageText(page, 'You last logged in on');
  // e.g. "You last logged in on Monday, 11/23/2026 2:28 AM"
  expect(await pageText(page)).toMatch(/You last logged in on [A-Z][a-z]+day, \d{2}\/\d{2}\/\d{4} (?:[1-9]|1[0-2]):\d{2} [AP]M/);
});

test.describe('in a browser far from Connecticut', () => {
  // A zone whose calendar is on another day than Hartford's right now: from
  // 6 a.m. Hartford time, UTC+14 is already tomorrow; before it, UTC-11 is
  // still yesterday (with or without daylight saving time).
  const hartfordHour = Number(
    new Date().toLocaleString('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }),
  );
  test.use({ timezoneId: hartfordHour >= 6 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago' });

  test('the last sign-in shows on the Hartford calendar, not the browser\'s', async ({ page }) => {
    const hartfordToday = () =>
      new Date().toLocaleDateString('en-US', {
        timeZone: 'America/New_York',
        month: '2-digit',
        day: '2-digit',
        year: 'numeric',
      });
    const before = hartfordToday();
    await signIn(page);
    await page.getByRole('button', { name: 'Log Out' }).click();
    await expect(logInButton(page)).toBeVisible();
    await signIn(page);
    await expectPageText(page, 'You last logged in on');
    const shown = (await pageText(page)).match(/You last logged in on [A-Z][a-z]+day, (\d{2}\/\d{2}\/\d{4})/)?.[1];
    // Either side of a Hartford midnight that passed while the test ran.
    expect([before, hartfordToday()]).toContain(shown);
  });
});

test('Show password reveals what was typed and hides it again, by keyboard', async ({ page }) => {
  await openSignIn(page);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(JANE.password);
  await expect(passwordField(page)).toHaveAttribute('type', 'password');

  const toggle = page.getByRole('button', { name: 'Show password', exact: true });
  await tabTo(page, toggle);
  await page.keyboard.press('Enter');
  await expect(passwordField(page)).toHaveAttribute('type', 'text');
  await expect(passwordField(page)).toHaveValue(JANE.password);
  await expect(page.getByText('Your password is visible')).toBeAttached();

  await page.keyboard.press('Enter');
  await expect(passwordField(page)).toHaveAttribute('type', 'password');
  await expect(page.getByRole('button', { name: 'Show password', exact: true })).toBeFocused();
});
