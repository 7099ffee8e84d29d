// Creating a logon and getting back in: register → open the emailed link →
// log in; forgot password → emailed link → answer and new password → log in.
// People type with the keyboard; the links come from the demo mailbox. Every
// new page passes axe at the default width and at 320 px. These tests use
// logons of their own, so the demo logons other specs sign in with never change.
import { test, expect, type Page, type TestInfo } from './fixtures';
import {
  checkBothWidths,
  expectNoAxeViolations,
  expectPageText,
  h1,
  mailedLink,
  openSignIn,
  pageText,
  passwordField,
  tabTo,
  typeInto,
  usernameField,
} from './helpers';

const PASSWORD = 'orange kettle winter violin';
const NEW_PASSWORD = 'copper lantern river mosaic';
const ANSWER = 'Rex';

/** A logon no other run has used. */
function newPerson(tag: string) {
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return { username: `${tag}.${id}`, email: `${tag}.${id}@example.com`, name: 'Ada Lovelace' };
}

type Message = { to: string; kind: string; body: string };

async function keyboardSignIn(page: Page, username: string, password: string) {
  await tabTo(page, usernameField(page));
  await page.keyboard.type(username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Log Out' })).toBeVisible();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Registers and confirms a logon through the API, for the recovery test. */
async function registeredPerson(page: Page, tag: string) {
  const person = newPerson(tag);
  const created = await page.request.post('/api/registrations', {
    data: {
      username: person.username,
      name: person.name,
      email: person.email,
      confirm_email: person.email,
      password: PASSWORD,
      confirm_password: PASSWORD,
      secret_question: 'What was the name of your first pet?',
      secret_answer: ANSWER,
    },
  });
  expect(created.status()).toBe(201);
  const link = await mailedLink(page, person.email, 'verify_email');
  const token = new URL(link, 'http://x').searchParams.get('token');
  const verified = await page.request.post('/api/registrations/verify', { data: { token } });
  expect(verified.status()).toBe(200);
  return person;
}

test('creates a logon, checks the email, confirms it, logs in, and the Summary offers "Get access to a business"', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const person = newPerson('reg');
  await openSignIn(page);
  const create = page.getByRole('link', { name: 'Create a logon' });
  await tabTo(page, create);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Create a logon')).toBeVisible();
  await checkBothWidths(page, testInfo);

  // An empty form first: the error summary lists what is missing.
  await tabTo(page, page.getByRole('button', { name: 'Create logon' }), 60);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Enter a username' })).toBeVisible();
  await checkBothWidths(page, testInfo);
  // A link to a group of radios focuses its first option and shows the
  // group's legend and message, not just the option (issue 14 §3).
  await tabTo(page, page.getByRole('link', { name: 'Choose a secret question' }), 20);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('What is the first name of your best friend from childhood?')).toBeFocused();
  await expect(page.locator('legend', { hasText: 'Secret question' })).toBeInViewport();
  await expect(page.locator('#secret_question-error')).toBeInViewport();

  await typeInto(page, 'Username', person.username);
  await typeInto(page, 'Full name', person.name);
  await typeInto(page, 'Email address', person.email);
  await typeInto(page, 'Confirm email address', person.email);
  await typeInto(page, 'Password', PASSWORD);
  await typeInto(page, 'Confirm password', PASSWORD);
  // Arrow keys move through the questions and choose one.
  await tabTo(page, page.getByLabel('What is the first name of your best friend from childhood?'), 40);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('What was the name of your first pet?')).toBeChecked();
  await typeInto(page, 'Answer to your secret question', ANSWER);
  await page.keyboard.press('Enter');

  // "Check your email": its own heading, where the link went (masked), Resend
  // and "Wrong address? Start again" (issue 14 §2).
  await expect(h1(page, 'Check your email')).toBeFocused();
  const masked = `${person.email[0]}***@example.com`;
  await expectPageText(page, `We have sent a link to confirm your email address to ${masked}.`);
  expect(await pageText(page)).not.toContain(person.email);
  await expect(page.getByRole('link', { name: 'Start again' })).toHaveAttribute('href', '/register');
  await checkBothWidths(page, testInfo);

  // Not yet. A wrong password gets the answer any wrong password gets…
  await openSignIn(page);
  await keyboardLogInAttempt(page, person.username, 'not the password at all');
  await expect(page.getByRole('link', { name: 'The username or password you entered is incorrect' })).toBeVisible();
  await expect(h1(page, 'Log In')).toBeVisible();

  // …and the right one says the address is not confirmed yet, where the link
  // went, and sends it again on request, once a minute at most.
  await keyboardLogInAttempt(page, person.username, PASSWORD);
  await expect(h1(page, 'Check your email')).toBeFocused();
  await expectPageText(page, masked);
  const resend = page.getByRole('button', { name: 'Resend the link' });
  await tabTo(page, resend);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'We have sent a new link' })).toBeVisible();
  await expect(resend).toBeFocused();
  await expect
    .poll(async () => {
      const { messages } = (await (await page.request.get('/api/demo/mailbox')).json()) as { messages: Message[] };
      return messages.filter((m) => m.to === person.email && m.kind === 'verify_email').length;
    })
    .toBe(2);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expectPageText(page, 'We sent a link less than a minute ago. Wait a minute, then ask again.');
  await checkBothWidths(page, testInfo);

  await page.goto(await mailedLink(page, person.email, 'verify_email'));
  await expect(page).toHaveURL(/\/sign-in/);
  await expectPageText(page, 'Your email address is confirmed');
  await keyboardSignIn(page, person.username, PASSWORD);

  // A new logon's Summary is no dead end: the next step is a button.
  await expect(h1(page, 'Summary')).toBeVisible();
  await expectPageText(page, 'Your logon does not have access to any business yet.');
  await expectPageText(page, 'CT Tax Registration Number and either a Letter ID');
  await checkBothWidths(page, testInfo);
  const next = page.getByRole('link', { name: 'Get access to a business' });
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Add Access to Another Business')).toBeFocused();
});

/** Types a username and password on Log In and presses Enter; the answer is the caller's to check. */
async function keyboardLogInAttempt(page: Page, username: string, password: string) {
  await tabTo(page, usernameField(page));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(username);
  await tabTo(page, passwordField(page));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

test('a common password is refused in the error summary, by the server', async ({ page }) => {
  // The browser leaves the common-password list to the server (wire::password):
  // the form still shows its refusal like any other error.
  const person = newPerson('common');
  await page.goto('/register');
  await expect(h1(page, 'Create a logon')).toBeVisible();
  await page.getByLabel('Username', { exact: true }).fill(person.username);
  await page.getByLabel('Full name', { exact: true }).fill(person.name);
  await page.getByLabel('Email address', { exact: true }).fill(person.email);
  await page.getByLabel('Confirm email address', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill('PasswordPassword');
  await page.getByLabel('Confirm password', { exact: true }).fill('PasswordPassword');
  await page.getByLabel('What was the name of your first pet?').check();
  await page.getByLabel('Answer to your secret question', { exact: true }).fill(ANSWER);
  await page.getByRole('button', { name: 'Create logon' }).click();

  await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  const tooCommon = page.getByRole('link', { name: /This password is too common/ });
  await expect(tooCommon).toBeVisible();
  await tooCommon.click();
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
});

test('a spent or unknown link says so and offers a way on', async ({ page }, testInfo) => {
  await page.goto('/verify-email?token=not-a-real-token');
  await expect(h1(page, 'Confirm your email address')).toBeVisible();
  await expectPageText(page, 'This link has expired or has already been used');
  await checkBothWidths(page, testInfo);

  await page.goto('/reset-password?token=not-a-real-token');
  await expect(h1(page, 'Reset your password')).toBeVisible();
  await expectPageText(page, 'This link has expired or has already been used');
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
  await checkBothWidths(page, testInfo);
});

test('forgot username mails the usernames on the address', async ({ page }, testInfo) => {
  const person = await registeredPerson(page, 'fu');
  await page.goto('/forgot');
  await expect(h1(page, 'Forgot username or password?')).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'I forgot my username' }));
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Forgot your username')).toBeVisible();
  await checkBothWidths(page, testInfo);
  await typeInto(page, 'Email address', person.email);
  await page.keyboard.press('Enter');
  await expectPageText(page, 'Check your email');
  await expect
    .poll(async () => {
      const { messages } = (await (await page.request.get('/api/demo/mailbox')).json()) as { messages: Message[] };
      return messages.find((m) => m.to === person.email && m.kind === 'username_reminder')?.body ?? '';
    })
    .toContain(person.username);
});

test('forgot password: the emailed link, the secret answer and a new password, then log in', async ({ page }, testInfo) => {
  const person = await registeredPerson(page, 'fp');
  await openSignIn(page);
  await tabTo(page, page.getByRole('link', { name: 'Forgot username or password?' }));
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Forgot username or password?')).toBeVisible();
  await checkBothWidths(page, testInfo);
  await tabTo(page, page.getByRole('link', { name: 'I forgot my password' }));
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Forgot your password')).toBeVisible();
  await checkBothWidths(page, testInfo);

  await typeInto(page, 'Username', person.username);
  await page.keyboard.press('Enter');
  await expectPageText(page, 'we have sent a link to reset its password');
  await checkBothWidths(page, testInfo);

  await page.goto(await mailedLink(page, person.email, 'password_reset'));
  await expect(h1(page, 'Reset your password')).toBeVisible();
  await expect(page.getByLabel('What was the name of your first pet?')).toBeVisible();
  await checkBothWidths(page, testInfo);

  // A wrong answer first.
  await typeInto(page, 'What was the name of your first pet?', 'Fido');
  await typeInto(page, 'New password', NEW_PASSWORD);
  await typeInto(page, 'Confirm new password', NEW_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'The answer does not match the one on your logon' })).toBeVisible();
  await checkBothWidths(page, testInfo);

  const answer = page.getByLabel('What was the name of your first pet?');
  await answer.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(ANSWER);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/sign-in/);
  await expectPageText(page, 'Your password has been changed');
  await keyboardSignIn(page, person.username, NEW_PASSWORD);
});
