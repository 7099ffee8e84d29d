// 2-step verification (turning it on from Manage My Profile, then logging in
// with a code computed here as an authentication app would) and the session
// timeout warning. Each runs against a server of its own (see
// playwright.config.ts): the first changes Jane for good, the second needs a
// 30-second idle limit.
import { test, expect, type Page } from './fixtures';
import { createHmac } from 'node:crypto';
import {
  JANE,
  describeFocus,
  expectNoAxeViolations,
  expectPageText,
  h1,
  logInButton,
  passwordField,
  signIn,
  tabTo,
  usernameField,
} from './helpers';

const port = Number(process.env.PORTAL_TEST_PORT ?? 18080);
const NARROW = { width: 320, height: 640 };

/** RFC 4648 base32, as the key is shown (spaces ignored). */
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as an authentication app computes it. */
function totp(key: Buffer, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0x0f;
  const n = (((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** Waits for the app's next 30-second step, so a new code is shown. */
async function nextTimeStep(page: Page) {
  const step = Math.floor(Date.now() / 30_000);
  await expect.poll(() => Math.floor(Date.now() / 30_000), { timeout: 35_000 }).toBeGreaterThan(step);
}

async function axeAtBothWidths(page: Page, testInfo: Parameters<typeof expectNoAxeViolations>[1]) {
  await expectNoAxeViolations(page, testInfo);
  const size = page.viewportSize();
  await page.setViewportSize(NARROW);
  await expectNoAxeViolations(page, testInfo);
  if (size) await page.setViewportSize(size);
}

test.describe('2-step verification', () => {
  test.use({ baseURL: `http://127.0.0.1:${port + 1}` });

  test('is turned on from Manage My Profile and then asked for when logging in', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(page);
    await page.getByRole('link', { name: 'Manage My Profile' }).click();
    await expect(h1(page, 'Manage My Profile')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '2-step verification' })).toBeVisible();
    const setUp = page.getByRole('link', { name: 'Set up 2-step verification' });
    await tabTo(page, setUp, 60);
    await page.keyboard.press('Enter');
    await expect(h1(page, '2-step verification')).toBeVisible();
    await axeAtBothWidths(page, testInfo);

    // The current password, typed.
    const password = page.getByLabel('Your current password', { exact: true });
    await tabTo(page, password);
    await page.keyboard.type(JANE.password);
    await page.keyboard.press('Enter');
    const scanHeading = page.getByRole('heading', { name: 'Add your logon to your authentication app' });
    await expect(scanHeading).toBeFocused();
    await expect(page.getByRole('img', { name: /QR code that adds Taxpayer Portal \(JaneSmith\)/ })).toBeVisible();
    await axeAtBothWidths(page, testInfo);

    // The key as text, as a person would type it into the app.
    const keyText = (await page.locator('#two-step-key').innerText()).trim();
    expect(keyText).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const key = base32Decode(keyText);

    // A wrong code first: the error summary names the field.
    const code = page.getByLabel('Security code');
    await tabTo(page, code);
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('The code is not correct');
    await expect(page).toHaveTitle(/^Error: /);

    await code.fill('');
    await tabTo(page, code);
    await page.keyboard.type(totp(key));
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { name: '2-step verification is on: save your recovery codes' }),
    ).toBeFocused();
    await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    await axeAtBothWidths(page, testInfo);

    await page.getByRole('button', { name: 'Log Out' }).click();
    await expect(h1(page, 'Log In')).toBeVisible();
    // The code just used is refused until the app shows the next one.
    await nextTimeStep(page);

    await tabTo(page, usernameField(page));
    await page.keyboard.type(JANE.username);
    await tabTo(page, passwordField(page));
    await page.keyboard.type(JANE.password);
    await page.keyboard.press('Enter');
    await expect(h1(page, 'Enter your security code')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\/two-step\?next=/);
    await axeAtBothWidths(page, testInfo);

    const signInCode = page.getByLabel('Security code');
    await tabTo(page, signInCode);
    await page.keyboard.type(totp(key));
    await page.keyboard.press('Enter');
    await expect(h1(page, 'Summary')).toBeVisible();
    await expectPageText(page, 'Welcome, Jane Smith');
  });
});

test.describe('session timeout warning', () => {
  test.use({ baseURL: `http://127.0.0.1:${port + 2}` });

  test('warns before the idle limit, keeps the session on request, and signs out at the limit', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(page);
    await page.getByRole('link', { name: 'Manage My Profile' }).click();
    const profileHeading = h1(page, 'Manage My Profile');
    await expect(profileHeading).toBeFocused();

    // 30 s idle limit, warned 24 s before: the dialog opens within seconds.
    const dialog = page.getByRole('dialog', { name: "You're about to be signed out" });
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    const stay = dialog.getByRole('button', { name: 'Stay signed in' });
    await expect(stay, await describeFocus(page)).toBeFocused();
    await expect(dialog).toContainText('For your security, we will sign you out in');
    await axeAtBothWidths(page, testInfo);

    // Focus stays inside the dialog.
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Sign out' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(stay).toBeFocused();

    // Esc means "Stay signed in": the dialog closes and focus goes back.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(profileHeading).toBeFocused();

    // It comes back; "Stay signed in" with the keyboard keeps the session.
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(stay).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    const session = await page.request.get('/api/session');
    expect(session.status()).toBe(200);

    // Left alone: the countdown is spoken at 20 s, then the session ends.
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(dialog.getByText('You will be signed out in', { exact: false })).toHaveCount(1, {
      timeout: 15_000,
    });
    await expect(h1(page, 'Log In')).toBeVisible({ timeout: 40_000 });
    await expectPageText(page, 'You were signed out because you were inactive for 30 seconds.');
    await expect(page).toHaveURL(/\/sign-in\?next=\/profile$/);
    expect((await page.request.get('/api/session')).status()).toBe(401);

    // Logging in again returns to the page the person was on.
    await usernameField(page).fill(JANE.username);
    await passwordField(page).fill(JANE.password);
    await logInButton(page).click();
    await expect(h1(page, 'Manage My Profile')).toBeVisible();
  });
});
