// A lockout a stranger cannot turn against the owner: five wrong passwords
// from another browser lock a logon, and the unlock link mailed with the
// notice lets the owner back in with the keyboard alone. The unlock page
// passes axe at the default width and at 320 px. These tests use logons of
// their own, so the demo logons other specs sign in with never lock.
import { test, expect } from './fixtures';
import {
  checkBothWidths,
  expectPageText,
  h1,
  logInButton,
  mailedLink,
  newLogon,
  NEW_LOGON_PASSWORD,
  openSignIn,
  passwordField,
  tabTo,
  usernameField,
} from './helpers';

const SIGN_IN_FAILED = 'The username or password you entered is incorrect';

test('the unlock link from the lockout email lets the owner back in, by keyboard', async ({ page, request }, testInfo) => {
  const person = await newLogon(page, 'lock');
  // A stranger, in a browser of its own, guesses five times.
  for (let n = 0; n < 5; n++) {
    const guess = await request.post('/api/session', {
      data: { username: person.username, password: `a stranger's guess ${n}` },
    });
    expect(guess.status()).toBe(401);
  }
  // This browser never logged in to the logon, so the lock holds for it too.
  await openSignIn(page);
  await usernameField(page).fill(person.username);
  await passwordField(page).fill(NEW_LOGON_PASSWORD);
  await logInButton(page).click();
  await expect(page.getByText(SIGN_IN_FAILED).first()).toBeVisible();

  await page.goto(await mailedLink(page, person.email, 'lockout'));
  await expect(h1(page, 'Unlock your logon')).toBeVisible();
  await expectPageText(page, 'This browser will also be able to log in to your logon');
  await checkBothWidths(page, testInfo);

  // The first Tab stop is the skip link; Tab goes on to the button, and Enter presses it.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Unlock my logon' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sign-in/);
  await expectPageText(page, 'Your logon is unlocked');

  await tabTo(page, usernameField(page));
  await page.keyboard.type(person.username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(NEW_LOGON_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Log Out' })).toBeVisible();
  await page.getByRole('button', { name: 'Log Out' }).click();
  await expect(logInButton(page)).toBeVisible();

  // The stranger locks it again; this browser, trusted now, still logs in.
  for (let n = 0; n < 5; n++) {
    await request.post('/api/session', {
      data: { username: person.username, password: `another guess ${n}` },
    });
  }
  await usernameField(page).fill(person.username);
  await passwordField(page).fill(NEW_LOGON_PASSWORD);
  await logInButton(page).click();
  await expect(page.getByRole('button', { name: 'Log Out' })).toBeVisible();
});

test('a used or unknown unlock link says so and offers a way on', async ({ page }, testInfo) => {
  await page.goto('/unlock?token=not-a-real-token');
  await expect(h1(page, 'Unlock your logon')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Unlock my logon' }));
  await page.keyboard.press('Enter');
  await expectPageText(page, 'This link has expired or has already been used');
  await expect(page.getByRole('link', { name: 'Reset your password' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to Log In' })).toBeVisible();
  await checkBothWidths(page, testInfo);
  await tabTo(page, page.getByRole('link', { name: 'Reset your password' }));
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Forgot your password')).toBeVisible();
});
