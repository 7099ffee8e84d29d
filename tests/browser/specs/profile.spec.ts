// Manage My Profile and View Activity, walked with the keyboard: Change
// Password, Update Name, Sessions and the activity record. Every new page
// passes axe at the default width and at 320 px. Each test registers a logon
// of its own, so the demo logons other specs sign in with never change.
import { test, expect, type Page, type TestInfo } from './fixtures';
import {
  checkBothWidths,
  expectNoAxeViolations,
  expectPageText,
  h1,
  NEW_LOGON_PASSWORD,
  newLogon,
  openSignIn,
  passwordField,
  tabTo,
  typeInto,
  usernameField,
} from './helpers';

const PASSWORD = NEW_LOGON_PASSWORD;
const NEW_PASSWORD = 'copper lantern river mosaic';


/** Logs in with the keyboard and opens Manage My Profile. */
async function toManageMyProfile(page: Page, username: string, password = PASSWORD) {
  await openSignIn(page);
  await tabTo(page, usernameField(page));
  await page.keyboard.type(username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Log Out' })).toBeVisible();
  await page.goto('/profile');
  await expect(h1(page, 'Manage My Profile')).toBeVisible();
}

async function follow(page: Page, link: string, heading: string) {
  await tabTo(page, page.getByRole('main').getByRole('link', { name: link, exact: true }), 60);
  await page.keyboard.press('Enter');
  await expect(h1(page, heading)).toBeVisible();
}

test('Change Password from Manage My Profile comes back with a success message', async ({ page }, testInfo) => {
  // Three password hashes and six axe runs: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  const person = await newLogon(page, 'pw');
  await toManageMyProfile(page, person.username);
  await checkBothWidths(page, testInfo);
  await follow(page, 'Change Password', 'Change Password');
  await checkBothWidths(page, testInfo);

  // A wrong current password: the error summary takes focus and links to the box.
  await typeInto(page, 'Current password', 'not my password at all');
  await typeInto(page, 'New password', NEW_PASSWORD);
  await typeInto(page, 'Confirm new password', NEW_PASSWORD);
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'The password you entered is incorrect' })).toBeVisible();
  await checkBothWidths(page, testInfo);

  await typeInto(page, 'Current password', PASSWORD);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Manage My Profile')).toBeVisible();
  await expectPageText(page, 'Your password has been changed.');

  // Still logged in under the new session, and the new password works next time.
  await page.reload();
  await expect(h1(page, 'Manage My Profile')).toBeVisible();
  await page.getByRole('button', { name: 'Log Out' }).click();
  await toManageMyProfile(page, person.username, NEW_PASSWORD);
});

test('Update Name changes the name shown on Manage My Profile', async ({ page }, testInfo) => {
  const person = await newLogon(page, 'name');
  await toManageMyProfile(page, person.username);
  await follow(page, 'Update Name', 'Update Name');
  await checkBothWidths(page, testInfo);
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('Grace Hopper');
  await typeInto(page, 'Full name', 'Grace Brewster Hopper');
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Manage My Profile')).toBeVisible();
  await expectPageText(page, 'Your name has been updated.');
  await expectPageText(page, 'Name Grace Brewster Hopper');
});

test('Sessions lists where the logon is logged in and marks this session', async ({ page }, testInfo) => {
  const person = await newLogon(page, 'sess');
  await toManageMyProfile(page, person.username);
  await follow(page, 'See where you are logged in', 'Sessions');
  const table = page.getByRole('table', { name: 'Where you are logged in now' });
  await expect(table).toContainText('This session');
  await expect(table).toContainText('Chrome on Linux');
  await checkBothWidths(page, testInfo);
  await tabTo(page, page.getByRole('button', { name: 'Sign out of other sessions' }), 60);
  await page.keyboard.press('Enter');
  await expectPageText(page, 'There were no other sessions to sign out.');
});

test('View Activity shows the log in, and finds it by searching', async ({ page }, testInfo) => {
  const person = await newLogon(page, 'act');
  await toManageMyProfile(page, person.username);
  await follow(page, 'View Activity', 'View Activity');
  const table = page.getByRole('table', { name: 'Your activity, newest first' });
  await expect(table).toContainText('Logged in');
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText('Page 1 of 1');
  await checkBothWidths(page, testInfo);

  await typeInto(page, 'Search by action or business', 'changed password');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=changed%20password/);
  await expect(table).toContainText('No activity matches your search.');
  await typeInto(page, 'Search by action or business', 'logged in');
  await page.keyboard.press('Enter');
  await expect(table).toContainText('Logged in');
});

test('every other Manage My Profile page passes axe at both widths', async ({ page }, testInfo) => {
  test.setTimeout(120_000); // four pages, each checked four times
  const person = await newLogon(page, 'axe');
  await toManageMyProfile(page, person.username);
  for (const [link, heading] of [
    ['Change Email', 'Change Email'],
    ['Edit Phone Number', 'Edit Phone Number'],
    ['Update Your Secret Question', 'Update Your Secret Question'],
    ['Delete My Profile', 'Delete My Profile'],
  ]) {
    await page.goto('/profile');
    await expect(h1(page, 'Manage My Profile')).toBeVisible();
    await follow(page, link, heading);
    await checkBothWidths(page, testInfo);
    // Sending the empty form shows the error summary, which must pass too.
    await page.getByRole('button').filter({ hasText: /Send link|Save|Delete my profile/ }).click();
    if (heading !== 'Edit Phone Number') {
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
      await checkBothWidths(page, testInfo);
    }
  }
});
