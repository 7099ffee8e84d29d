// A preparer asks for access to a client, the client's Master Administrator
// approves it with a level on one account only, then revokes it: the whole
// story with the keyboard, in two browsers (the preparer's and Jane's), with
// axe at the default width and at 320 px on every page on the way.
import { test, expect, type Page, type TestInfo } from './fixtures';
import {
  checkBothWidths,
  expectNoAxeViolations,
  expectPageText,
  h1,
  JANE,
  PREPARER,
  signIn,
  tabTo,
  typeInto,
} from './helpers';

const CLIENT = { reg: '21422144000', name: 'NATURAL HEALTH LLC', letterId: 'L000000144', salesAndUse: '0108824360' };

/** Tabs to a link or button in the page's main content and presses Enter. */
async function activate(page: Page, role: 'link' | 'button', name: string | RegExp, max = 80) {
  const target = page.getByRole('main').getByRole(role, { name, exact: typeof name === 'string' });
  await tabTo(page, target, max);
  await page.keyboard.press('Enter');
}

/** Tabs to the first radio of a group and checks `which` with Space / arrows. */
async function chooseRadio(page: Page, first: string, which: string) {
  await tabTo(page, page.getByRole('radio', { name: first, exact: true }), 60);
  await page.keyboard.press('Space');
  const target = page.getByRole('radio', { name: which, exact: true });
  for (let i = 0; i < 5 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(target).toBeChecked();
}

/** Picks a level in one account's box by typing its first letters (a closed select's type-ahead). */
async function chooseLevel(page: Page, account: string, level: string) {
  // Seed 002 names the column Access Rights (issue 9 section 7).
  const box = page.getByLabel(`Access Rights for ${account}`, { exact: true });
  await tabTo(page, box, 60);
  // Home, then type-ahead: the same keys whatever the box held before.
  await page.keyboard.press('Home');
  if (level !== 'No Access') await page.keyboard.type(level.slice(0, 6), { delay: 20 });
  await expect(box.locator('option:checked')).toHaveText(level);
}

test('a preparer asks for a client, the client grants one account, then revokes it', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const preparerContext = await browser.newContext();
  const janeContext = await browser.newContext();
  const preparer = await preparerContext.newPage();
  const jane = await janeContext.newPage();

  // --- The preparer asks, as NATURAL HEALTH LLC's third-party preparer.
  await signIn(preparer, PREPARER);
  await preparer.goto('/more/access');
  await expect(h1(preparer, 'Manage Your Access')).toBeVisible();
  await tabTo(preparer, preparer.getByRole('link', { name: 'Add Access to Another Business', exact: true }), 60);
  await preparer.keyboard.press('Enter');
  await expect(h1(preparer, 'Add Access to Another Business')).toBeVisible();
  await checkBothWidths(preparer, testInfo);
  await typeInto(preparer, 'CT Tax Registration Number', CLIENT.reg);
  await typeInto(preparer, 'Legal name', CLIENT.name);
  await chooseRadio(preparer, 'Letter ID from one of its letters', 'Letter ID from one of its letters');
  await typeInto(preparer, 'Letter ID', CLIENT.letterId);
  await chooseRadio(preparer, 'I work for this business', 'I am its third-party preparer');
  await checkBothWidths(preparer, testInfo);
  await activate(preparer, 'button', 'Send request');
  await expect(h1(preparer, 'Request sent')).toBeVisible();
  await expectPageText(
    preparer,
    `Your request was sent to ${CLIENT.name}'s Master Administrators. It lapses after 21 days if nobody decides.`,
  );
  await checkBothWidths(preparer, testInfo);

  // --- Jane approves: Tax Administrator, File and Pay on Sales & Use only.
  await signIn(jane, JANE);
  await jane.goto('/more/third-party-access');
  await expect(h1(jane, 'Manage Third Party Access')).toBeVisible();
  const waiting = jane.getByRole('table', { name: /waiting for your decision/ });
  await expect(waiting).toContainText('(LedgerlineAdmin)');
  await checkBothWidths(jane, testInfo);
  await activate(jane, 'link', /^Approve the request from .*\(LedgerlineAdmin\)$/);
  await expect(h1(jane, 'Approve request')).toBeVisible();
  await chooseRadio(jane, 'Master Administrator', 'Tax Administrator');
  const levels = jane.getByRole('table', { name: 'Level for each account' });
  await expect(levels).toBeVisible();
  await checkBothWidths(jane, testInfo);
  const accounts = (await levels.locator('tbody th[scope="row"]').allInnerTexts()).map((t) => t.trim());
  expect(accounts).toContain(`Sales & Use ${CLIENT.salesAndUse}`);
  for (const account of accounts) {
    await chooseLevel(jane, account, account === `Sales & Use ${CLIENT.salesAndUse}` ? 'File and Pay' : 'No Access');
  }
  await activate(jane, 'button', 'Save and approve');
  await expect(h1(jane, 'Manage Third Party Access')).toBeVisible();
  await expect(jane.getByRole('status').filter({ hasText: 'You approved the request.' })).toBeVisible();
  const holders = jane.getByRole('table', { name: 'Third parties that can act for this business' });
  await expect(holders).toContainText('Tax Administrator');
  await expect(holders).toContainText(`Sales & Use ${CLIENT.salesAndUse}: File and Pay`);
  await expect(holders).not.toContainText('Withholding');
  await expect(waiting).toContainText('No requests are waiting for you.');
  await checkBothWidths(jane, testInfo);

  // --- The preparer works on the client: its Summary shows the one account.
  const found = await preparer.request.get(`/api/customers?q=${CLIENT.reg}`);
  const client = ((await found.json()) as { items: { id: number; reg_number: string }[] }).items.find(
    (c) => c.reg_number === CLIENT.reg,
  );
  expect(client, 'the client is among the preparer\'s customers').toBeTruthy();
  const switched = await preparer.request.post('/api/session/customer', { data: { customer_id: client!.id } });
  expect(switched.status()).toBe(200);
  await preparer.goto('/summary');
  await expect(preparer.getByRole('heading', { level: 2, name: CLIENT.name })).toBeVisible();
  const cards = preparer.getByRole('article');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Sales & Use');
  await expect(cards.first()).toContainText(CLIENT.salesAndUse);

  // --- Jane revokes; it says it takes effect at once, for every secondary logon too.
  await activate(jane, 'link', /^Revoke access for /);
  await expect(h1(jane, 'Revoke access')).toBeVisible();
  await expectPageText(jane, 'It takes effect at once for the firm and all its secondary logons.');
  await checkBothWidths(jane, testInfo);
  await activate(jane, 'button', 'Revoke access');
  await expect(h1(jane, 'Manage Third Party Access')).toBeVisible();
  await expect(jane.getByRole('status').filter({ hasText: 'You revoked the access of' })).toBeVisible();
  await expect(holders).toContainText('No third parties have access.');

  // --- The preparer's next request gets nothing.
  await preparer.reload();
  await expect(h1(preparer, 'Summary')).toBeVisible();
  await preparer.waitForLoadState('networkidle');
  await expect(preparer.getByRole('heading', { name: CLIENT.name })).toHaveCount(0);
  await expect(preparer.getByText(CLIENT.salesAndUse)).toHaveCount(0);
  expect((await preparer.request.get(`/api/customers/${client!.id}/summary`)).status()).toBe(404);
  const after = await preparer.request.get(`/api/customers?q=${CLIENT.reg}`);
  expect(((await after.json()) as { total: number }).total).toBe(0);
  // Manage Your Access no longer lists it either.
  await preparer.goto(`/more/access?q=${CLIENT.reg}`);
  await expectPageText(preparer, 'No business matches your search.');
  await checkBothWidths(preparer, testInfo);

  await preparerContext.close();
  await janeContext.close();
});
