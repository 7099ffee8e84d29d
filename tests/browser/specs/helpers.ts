// Shared steps of the browser tests. Locators go by role and label, as a
// person (or a screen reader) finds things, never by CSS class.
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The demo data seeded by `portal-server --demo`. */
export const JANE = { username: 'JaneSmith', password: 'Maple Avenue 800 Hartford' };
export const PREPARER = { username: 'LedgerlineAdmin', password: 'Maple Avenue 800 Hartford' };

export const SITE_NAME = 'Taxpayer Portal';

export const usernameField = (page: Page) => page.getByLabel('Username', { exact: true });
export const passwordField = (page: Page) => page.getByLabel('Password', { exact: true });
export const logInButton = (page: Page) => page.getByRole('button', { name: 'Log In', exact: true });
export const h1 = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name, exact: true });

/** Opens the Log In page and waits until the app has rendered the form. */
export async function openSignIn(page: Page) {
  await page.goto('/sign-in');
  await expect(usernameField(page)).toBeVisible();
}

/** Signs in with the mouse (the keyboard path has its own test) and waits for the Summary. */
export async function signIn(page: Page, who = JANE) {
  // `next` keeps the Summary as the landing page even for a logon that reaches
  // several customers (which otherwise lands on Customers).
  await page.goto('/sign-in?next=/summary');
  await expect(usernameField(page)).toBeVisible();
  await usernameField(page).fill(who.username);
  await passwordField(page).fill(who.password);
  await logInButton(page).click();
  await expect(h1(page, 'Summary')).toBeVisible();
}

/** The page's visible text with runs of whitespace (line breaks too) made one space. */
export async function pageText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

/** Waits until the page's visible text contains `text` (it may span several elements). */
export async function expectPageText(page: Page, text: string) {
  await expect.poll(() => pageText(page), { message: `page text contains "${text}"` }).toContain(text);
}

/** Presses Tab until `target` has focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 30) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${target} not reached with ${max} presses of Tab`);
}

/** Describes what has focus, for failure messages. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '(nothing)';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> "${text}"`;
  });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the page as it is now and fails listing every violation. */
export async function expectNoAxeViolations(page: Page, testInfo: TestInfo) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  await testInfo.attach('axe-violations.json', {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  if (report) console.log(`axe violations on ${page.url()}:\n${report}`);
  expect(results.violations.map((v) => v.id), `axe violations on ${page.url()}:\n${report}`).toEqual([]);
}

/** axe at the default width, then at 320 px without horizontal scrolling. */
export async function checkBothWidths(page: Page, testInfo: TestInfo) {
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, testInfo);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, 'no horizontal scroll at 320 px').toBeLessThanOrEqual(320);
  await expectNoAxeViolations(page, testInfo);
  if (size) await page.setViewportSize(size);
}

/** Tabs to the field labelled `label` and types `text` over what it holds. */
export async function typeInto(page: Page, label: string, text: string) {
  await tabTo(page, page.getByLabel(label, { exact: true }), 80);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/** The password of every logon `newLogon` makes. */
export const NEW_LOGON_PASSWORD = 'orange kettle winter violin';

type MailboxMessage = { to: string; kind: string; body: string };

/** The path and query of the link in the newest mail of `kind` to `email`, from the demo mailbox. */
export async function mailedLink(page: Page, email: string, kind: string): Promise<string> {
  let found = '';
  await expect
    .poll(async () => {
      const response = await page.request.get('/api/demo/mailbox');
      const { messages } = (await response.json()) as { messages: MailboxMessage[] };
      const message = messages.find((m) => m.to === email && m.kind === kind);
      const link = message?.body.match(/https?:\/\/\S+/)?.[0];
      found = link ? new URL(link).pathname + new URL(link).search : '';
      return found;
    }, { message: `a ${kind} mail to ${email}` })
    .not.toBe('');
  return found;
}

/** A new, confirmed logon (through the API: registration has its own spec). */
export async function newLogon(page: Page, tag: string, name = 'Grace Hopper') {
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const person = { username: `${tag}.${id}`, email: `${tag}.${id}@example.com`, name };
  const created = await page.request.post('/api/registrations', {
    data: {
      username: person.username,
      name: person.name,
      email: person.email,
      confirm_email: person.email,
      password: NEW_LOGON_PASSWORD,
      confirm_password: NEW_LOGON_PASSWORD,
      secret_question: 'What was the name of your first pet?',
      secret_answer: 'Rex',
    },
  });
  expect(created.status()).toBe(201);
  const link = await mailedLink(page, person.email, 'verify_email');
  const token = new URL(link, 'http://x').searchParams.get('token');
  const verified = await page.request.post('/api/registrations/verify', { data: { token } });
  expect(verified.status()).toBe(200);
  return person;
}

/** A secondary logon of the signed-in parent in `page`, in its first security
 * group (Default), made through the API (Add has its own specs). Returns its id. */
export async function newSecondaryLogon(
  page: Page,
  logon: { username: string; name: string; email: string },
  accessType: 'master_administrator' | 'tax_administrator',
  taxTypes: { tax_type: string; level: string }[],
): Promise<number> {
  const groups = (await (await page.request.get('/api/security-groups')).json()) as { id: number }[];
  const created = await page.request.post('/api/secondary-logons', {
    data: {
      username: logon.username,
      name: logon.name,
      email: logon.email,
      confirm_email: logon.email,
      access_type: accessType,
      groups: [groups[0].id],
      tax_types: taxTypes,
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: number }).id;
}
