// Manage Your Access and Add Access to Another Business, walked with the
// keyboard, with axe at the default width and at 320 px on every page.
//
// The demo logons are only read here (other specs sign in with them too). The
// story that changes things uses two logons registered by the test itself and
// HARBOR VIEW BAKERY LLC, the demo business with no Master Administrator: the
// first logon claims it, the second asks as an additional logon, the first
// approves, the second leaves.
import { test, expect, type Page, type TestInfo } from './fixtures';
import {
  checkBothWidths,
  expectNoAxeViolations,
  expectPageText,
  h1,
  JANE,
  NEW_LOGON_PASSWORD,
  newLogon,
  openSignIn,
  passwordField,
  PREPARER,
  signIn,
  tabTo,
  typeInto,
  usernameField,
} from './helpers';

const PASSWORD = NEW_LOGON_PASSWORD;
const BAKERY = { reg: '21422155000', name: 'HARBOR VIEW BAKERY LLC', letterId: 'L000000155' };

type Message = { to: string; kind: string; body: string };

/** Logs in with the keyboard and waits for the app's header. */
async function logInByKeyboard(page: Page, username: string, password = PASSWORD) {
  await openSignIn(page);
  await tabTo(page, usernameField(page));
  await page.keyboard.type(username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Log Out' })).toBeVisible();
}

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

const myAccessTable = (page: Page) =>
  page.getByRole('table', { name: 'Businesses you can act for, with your access to each' });

test('Manage Your Access lists a preparer\'s clients in pages and finds one by name', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, PREPARER);
  await page.goto('/more/access');
  await expect(h1(page, 'Manage Your Access')).toBeVisible();
  await expect(myAccessTable(page)).toBeVisible();
  await expectPageText(page, 'Page 1 of');
  const rows = myAccessTable(page).locator('tbody tr');
  await expect(rows).toHaveCount(25);
  await checkBothWidths(page, testInfo);

  // The next page, by keyboard.
  await activate(page, 'link', 'Next page');
  await expectPageText(page, 'Page 2 of');
  await expect(rows).toHaveCount(25);

  // Sorted by name, A to Z, at first; then Z to A: the first row's name
  // comes after the last row's.
  await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'ascending');
  await activate(page, 'link', /^Name\W+sort Z to A$/);
  await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'descending');
  const names = await myAccessTable(page).locator('tbody th[scope="row"]').allInnerTexts();
  expect(names[0].localeCompare(names[names.length - 1])).toBeGreaterThan(0);

  // Search by part of a name: every row shown has it.
  const wanted = names[0].split(' ')[0];
  await typeInto(page, 'Search by name or CT Tax Registration Number', wanted);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${wanted}`));
  for (const name of await myAccessTable(page).locator('tbody th[scope="row"]').allInnerTexts()) {
    expect(name.toUpperCase()).toContain(wanted.toUpperCase());
  }

  // Each row's Account Access opens by keyboard.
  const summary = myAccessTable(page).locator('summary').first();
  await tabTo(page, summary, 80);
  await page.keyboard.press('Enter');
  await expect(myAccessTable(page).locator('details').first()).toHaveAttribute('open', '');
  await checkBothWidths(page, testInfo);

  // The firm's own business is there too, as its own logon.
  await typeInto(page, 'Search by name or CT Tax Registration Number', 'LEDGERLINE');
  await page.keyboard.press('Enter');
  const firm = myAccessTable(page).getByRole('row', { name: /LEDGERLINE TAX ADVISORS LLC/ });
  await expect(firm).toContainText('Master Administrator');
  await expect(firm).toContainText('Your logon');
});

test('the last Master Administrator cannot leave, and is told why', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page, JANE);
  await page.goto('/more/access');
  const row = myAccessTable(page).getByRole('row', { name: /NATURAL HEALTH LLC/ });
  await expect(row).toContainText('Master Administrator');
  // No Leave link for the only Master Administrator.
  await expect(row.getByRole('link', { name: /^Leave/ })).toHaveCount(0);
  await row.locator('summary').click();
  await expect(row).toContainText('All Access to every account');

  // Typing the Leave address anyway: the server refuses and the page says why.
  const session = await (await page.request.get('/api/session')).json();
  await page.goto(`/more/access/${session.current_customer.id}/leave`);
  await expect(h1(page, 'Leave a business')).toBeVisible();
  await expectPageText(page, 'This cannot be undone');
  await checkBothWidths(page, testInfo);
  await activate(page, 'button', 'Leave NATURAL HEALTH LLC');
  const problem = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(problem).toBeFocused();
  await expect(problem).toContainText('must keep at least one active Master Administrator');
  await checkBothWidths(page, testInfo);
  // Nothing changed.
  await page.goto('/more/access');
  await expect(myAccessTable(page).getByRole('row', { name: /NATURAL HEALTH LLC/ })).toContainText('Master Administrator');
});

test('a new logon claims a business with no Master Administrator, approves a colleague, and the colleague leaves', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const ownerContext = await browser.newContext();
  const colleagueContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const colleague = await colleagueContext.newPage();
  const ownerLogon = await newLogon(owner, 'owner', 'Baker owner');
  const colleagueLogon = await newLogon(colleague, 'colleague', 'Baker colleague');

  // --- The owner claims HARBOR VIEW BAKERY LLC.
  await logInByKeyboard(owner, ownerLogon.username);
  await owner.goto('/more/access');
  await expect(h1(owner, 'Manage Your Access')).toBeVisible();
  await expectPageText(owner, 'Your logon does not have access to any business yet.');
  await activate(owner, 'link', 'Add Access to Another Business');
  await expect(h1(owner, 'Add Access to Another Business')).toBeVisible();
  await checkBothWidths(owner, testInfo);

  // An empty form: the error summary takes focus and lists each question.
  await activate(owner, 'button', 'Send request');
  const problem = owner.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(problem).toBeFocused();
  await expect(problem.getByRole('link')).toHaveCount(4);
  await checkBothWidths(owner, testInfo);

  // The Letter ID box appears only once its radio is chosen.
  await expect(owner.getByLabel('Letter ID', { exact: true })).toBeHidden();
  await typeInto(owner, 'CT Tax Registration Number', BAKERY.reg);
  await typeInto(owner, 'Legal name', 'Harbor View  Bakery llc');
  await chooseRadio(owner, 'Letter ID from one of its letters', 'Letter ID from one of its letters');
  await expect(owner.getByLabel('Letter ID', { exact: true })).toBeVisible();
  await typeInto(owner, 'Letter ID', BAKERY.letterId);
  await chooseRadio(owner, 'I work for this business', 'I work for this business');
  await activate(owner, 'button', 'Send request');
  await expect(h1(owner, 'Access granted')).toBeVisible();
  await expectPageText(owner, `You are now the Master Administrator of ${BAKERY.name}.`);
  await checkBothWidths(owner, testInfo);
  await activate(owner, 'button', `Work on ${BAKERY.name} now`);
  await expect(h1(owner, 'Summary')).toBeVisible();
  await expect(owner.getByRole('heading', { name: BAKERY.name })).toBeVisible();

  await owner.goto('/more/access');
  const ownerRow = myAccessTable(owner).getByRole('row', { name: new RegExp(BAKERY.name) });
  await expect(ownerRow).toContainText('Master Administrator');
  await expect(owner.getByRole('table', { name: /Requests you have made/ })).toContainText('Granted');
  await checkBothWidths(owner, testInfo);

  // --- The colleague asks; a wrong Letter ID first gets the one generic answer.
  await logInByKeyboard(colleague, colleagueLogon.username);
  await colleague.goto('/more/access/add');
  await expect(h1(colleague, 'Add Access to Another Business')).toBeVisible();
  await typeInto(colleague, 'CT Tax Registration Number', BAKERY.reg);
  await typeInto(colleague, 'Legal name', BAKERY.name);
  await chooseRadio(colleague, 'Letter ID from one of its letters', 'Letter ID from one of its letters');
  await typeInto(colleague, 'Letter ID', 'L000000999');
  await chooseRadio(colleague, 'I work for this business', 'I work for this business');
  await activate(colleague, 'button', 'Send request');
  const refused = colleague.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(refused).toBeFocused();
  await expect(refused.getByRole('link', { name: 'We could not match those details to a business. Check them and try again.' })).toBeVisible();
  await checkBothWidths(colleague, testInfo);
  await typeInto(colleague, 'Letter ID', BAKERY.letterId);
  await colleague.keyboard.press('Enter');
  await expect(h1(colleague, 'Request sent')).toBeVisible();
  await expectPageText(colleague, `Your request was sent to ${BAKERY.name}'s Master Administrators. It lapses after 21 days if nobody decides.`);
  await colleague.goto('/more/access');
  await expect(colleague.getByRole('table', { name: /Requests you have made/ })).toContainText('Waiting for the business');

  // --- The owner approves, as a Tax Administrator with View Only throughout.
  await owner.goto('/more/additional-logons');
  await expect(h1(owner, 'Manage Additional Logons')).toBeVisible();
  const who = `${colleagueLogon.name} (${colleagueLogon.username})`;
  await expect(owner.getByRole('table', { name: /waiting for your decision/ })).toContainText(who);
  await checkBothWidths(owner, testInfo);
  await activate(owner, 'link', `Approve the request from ${who}`);
  await expect(h1(owner, 'Approve request')).toBeVisible();
  await chooseRadio(owner, 'Master Administrator', 'Tax Administrator');
  await expect(owner.getByRole('table', { name: 'Level for each account' })).toBeVisible();
  await checkBothWidths(owner, testInfo);
  await activate(owner, 'button', 'Save and approve');
  await expect(h1(owner, 'Manage Additional Logons')).toBeVisible();
  await expect(owner.getByRole('status').filter({ hasText: 'You approved the request.' })).toBeVisible();
  await expect(owner.getByRole('table', { name: /Additional logons that can act/ })).toContainText('Tax Administrator');

  // The business's record says who did what.
  await owner.goto('/more/business-activity');
  await expect(h1(owner, 'Business Activity')).toBeVisible();
  const activity = owner.getByRole('table', { name: `Activity on ${BAKERY.name}, newest first` });
  await expect(activity.getByRole('columnheader', { name: 'Who' })).toBeVisible();
  await expect(activity).toContainText(ownerLogon.username);
  await checkBothWidths(owner, testInfo);

  // --- The colleague sees the business, then leaves it.
  await colleague.goto('/more/access');
  const colleagueRow = myAccessTable(colleague).getByRole('row', { name: new RegExp(BAKERY.name) });
  await expect(colleagueRow).toContainText('Tax Administrator');
  await expect(colleagueRow).toContainText('Additional logon');
  await colleagueRow.locator('summary').click();
  await expect(colleagueRow).toContainText(/Sales & Use \d{10}: View Only/);
  await activate(colleague, 'link', `Leave ${BAKERY.name}`);
  await expect(h1(colleague, 'Leave a business')).toBeVisible();
  await activate(colleague, 'button', `Leave ${BAKERY.name}`);
  await expect(h1(colleague, 'Manage Your Access')).toBeVisible();
  await expect(colleague.getByRole('status').filter({ hasText: `You have left ${BAKERY.name}.` })).toBeVisible();
  await expect(myAccessTable(colleague).getByRole('row', { name: new RegExp(BAKERY.name) })).toHaveCount(0);

  // Its notices say what was decided.
  await colleague.goto('/messages');
  await expect(h1(colleague, 'View Messages')).toBeVisible();
  await expect(colleague.getByRole('region', { name: 'Your notices' }).getByRole('article')).not.toHaveCount(0);
  await checkBothWidths(colleague, testInfo);

  await ownerContext.close();
  await colleagueContext.close();
});

test('a secondary logon sees who to ask for more access: its parent logon', async ({ page }, testInfo) => {
  await signIn(page, { username: 'LedgerlineStaff', password: PREPARER.password });
  await page.goto('/more/access');
  await expect(h1(page, 'Manage Your Access')).toBeVisible();
  const summary = myAccessTable(page).locator('summary').first();
  await tabTo(page, summary, 80);
  await page.keyboard.press('Enter');
  const details = myAccessTable(page).locator('details').first();
  await expect(details).toContainText('For more access, ask:');
  await expect(details).toContainText('Pat Morgan');
  await checkBothWidths(page, testInfo);
});
