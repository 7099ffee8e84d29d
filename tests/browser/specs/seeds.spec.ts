// The three seed documents, followed to the letter with the keyboard (issue 9,
// section 7), with axe at the default width and at 320 px on every page and
// no error in the browser's console (every spec's fixture, fixtures.ts):
//
// - seed 000, "Adding a Secondary Logon", exactly as the tutorial reads: only
//   Logon, Name, Email and Confirm Email, then Save;
// - seed 002: changing rights goes Give Rights / Access Rights, Next, a
//   review, Submit, and the person is emailed; an additional logon is ended
//   with Cancel Access;
// - seed 001: a Master Administrator assigns Master Administrator to another
//   of the business's logons and steps down in the same change.
//
// Seeds 001 and 002 change a business for good, so each test claims a client
// of the demo preparer that has no Master Administrator yet (a different one
// per test) with a logon of its own, and a colleague asks for it.
import { test, expect, type Browser, type Page, type TestInfo } from './fixtures';
import {
  checkBothWidths,
  expectPageText,
  h1,
  JANE,
  mailedLink,
  NEW_LOGON_PASSWORD,
  newLogon,
  newSecondaryLogon,
  passwordField,
  PREPARER,
  tabTo,
  typeInto,
  usernameField,
} from './helpers';

async function logInByKeyboard(page: Page, who: { username: string; password: string }) {
  await page.goto('/sign-in');
  await expect(usernameField(page)).toBeVisible({ timeout: 30_000 });
  await tabTo(page, usernameField(page));
  await page.keyboard.type(who.username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(who.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Log Out' })).toBeVisible();
}

/** Tabs to a link or button by its name (within `scope`) and presses Enter. */
async function press(page: Page, role: 'link' | 'button', name: string | RegExp, scope = page.locator('body')) {
  const target = scope.getByRole(role, { name, exact: typeof name === 'string' });
  await expect(target).toBeVisible();
  await tabTo(page, target, 150);
  await page.keyboard.press('Enter');
}

test('seed 000 as written: Logon, Name, Email, Confirm Email and Save give the creator\'s own access', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const id = Date.now().toString(36);
  const logon = `SecondaryNaturalHealth${id}`;
  const email = `jim.smith.${id}@naturalhealth.example`;

  // "Once you are logged in to myconneCT, the Summary page is displayed."
  await logInByKeyboard(page, JANE);
  await expect(h1(page, 'Summary')).toBeVisible();
  await checkBothWidths(page, testInfo);
  // "To add a Secondary Logon, click the Manage my Profile hyperlink."
  await press(page, 'link', 'Manage My Profile');
  await expect(h1(page, 'Manage My Profile')).toBeVisible();
  await checkBothWidths(page, testInfo);
  // "Click the More... hyperlink."
  await press(page, 'link', 'More...', page.getByRole('navigation', { name: 'Main' }));
  await expect(h1(page, 'More...')).toBeVisible();
  await checkBothWidths(page, testInfo);
  // "Locate the My Users group and click the Manage Secondary Logons hyperlink."
  await press(page, 'link', 'Manage Secondary Logons', page.getByRole('region', { name: 'My Users' }));
  await expect(h1(page, 'Secondary Logons')).toBeVisible();
  await checkBothWidths(page, testInfo);
  // "Click the Add hyperlink."
  await press(page, 'link', /^Add\b/);
  await expect(h1(page, 'Create a Logon for Someone Else')).toBeVisible();
  await checkBothWidths(page, testInfo);
  // "Enter the Secondary Logon details, then click Save."
  await typeInto(page, 'Logon', logon);
  await typeInto(page, 'Name', 'Jim Smith');
  await typeInto(page, 'Email', email);
  await typeInto(page, 'Confirm Email', email);
  // The access settings are there to change, already set to Jane's own.
  await expect(page.getByRole('radio', { name: 'Master Administrator' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Default' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Sales & Use', exact: true })).toBeChecked();
  await press(page, 'button', 'Save');

  // "An email will be sent to the email address you entered... Click OK."
  const sent = page.getByRole('status').filter({ hasText: `An email has been sent to ${email}` });
  await expect(sent).toBeFocused();
  // What the new logon can do, before anyone walks away (issue 14 §3).
  await expect(page.getByRole('heading', { name: 'What this logon can do' })).toBeVisible();
  await expectPageText(page, 'Jim Smith is a Master Administrator of the customers in these groups');
  await expectPageText(page, 'Access type Master Administrator');
  await expectPageText(page, 'Security groups Default');
  await expectPageText(page, 'Sales & Use: All Access');
  await expect(page.getByRole('link', { name: `Change Access for ${logon}` })).toBeVisible();
  await checkBothWidths(page, testInfo);
  expect(await mailedLink(page, email, 'invitation')).toContain('/set-password?token=');
  await press(page, 'button', 'OK');
  await expect(h1(page, 'Secondary Logons')).toBeVisible();
  await press(page, 'link', logon);

  // "By default, Secondary Logons have the same access as the person creating
  // the Secondary Logon": the Default group, and every account type at Jane's
  // All Access as her Master Administrator.
  await expect(h1(page, 'Jim Smith')).toBeVisible();
  await expectPageText(page, 'Access Type Master Administrator');
  await expect(page.getByRole('region', { name: 'Security Groups' }).getByRole('listitem')).toHaveText(['Default']);
  const access = page.getByRole('region', { name: 'Account Access' });
  await expect(access.getByRole('listitem')).toHaveCount(9);
  for (const item of await access.getByRole('listitem').allInnerTexts()) expect(item).toMatch(/: All Access$/);
  await checkBothWidths(page, testInfo);
  // "Click the Change hyperlink to make changes to the Secondary Logon access."
  await press(page, 'link', 'Change Account Access');
  await expect(h1(page, 'Change Access')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Master Administrator' })).toBeChecked();
  await checkBothWidths(page, testInfo);
});

test('seed 002 for a secondary logon: Change Access goes Next, a review and Submit, and the person is emailed', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const parent = await newLogon(page, 'parent', 'Ada Lovelace');
  await logInByKeyboard(page, { username: parent.username, password: NEW_LOGON_PASSWORD });
  const email = `helper.${parent.username}@example.com`.toLowerCase();
  const id = await newSecondaryLogon(
    page,
    { username: `helper.${parent.username}`, name: 'Grace Hopper', email },
    'master_administrator',
    [{ tax_type: 'sales_and_use', level: 'all_access' }],
  );

  await page.goto(`/more/secondary-logons/${id}`);
  await expect(h1(page, 'Grace Hopper')).toBeVisible();
  await press(page, 'link', 'Change Access');
  await expect(h1(page, 'Change Access')).toBeVisible();
  await tabTo(page, page.getByRole('radio', { name: 'Master Administrator' }), 40);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Tax Administrator' })).toBeChecked();
  const level = page.getByLabel('Level for Sales & Use', { exact: true });
  await tabTo(page, level, 40);
  await page.keyboard.press('Home');
  await page.keyboard.type('View', { delay: 20 });
  await expect(level.locator('option:checked')).toHaveText('View Only');
  await press(page, 'button', 'Next');

  const review = page.getByRole('heading', { level: 2, name: 'Check the access, then submit' });
  await expect(review).toBeFocused();
  await expectPageText(page, 'Access Type Tax Administrator');
  await expectPageText(page, 'Sales & Use: View Only');
  await expectPageText(page, 'gets an email from us once it is processed');
  await checkBothWidths(page, testInfo);
  await press(page, 'button', 'Submit');
  await expect(h1(page, 'Grace Hopper')).toBeVisible();
  await expectPageText(page, 'The access has been changed.');
  await expect(page.getByRole('region', { name: 'Account Access' })).toContainText('Sales & Use: View Only');
  await expect
    .poll(async () => {
      const { messages } = (await (await page.request.get('/api/demo/mailbox')).json()) as {
        messages: { to: string; subject: string }[];
      };
      return messages.some((m) => m.to === email && m.subject === 'Your access was changed');
    })
    .toBe(true);
});

type Client = { id: number; legal_name: string; reg_number: string };

/**
 * A business for one test: the `nth` client of the demo preparer with two or
 * more accounts. A new logon claims it (it has no Master Administrator), a
 * colleague asks for it as an additional logon, and the owner approves File
 * Only on its first account. Returns both people, each in a browser of their own.
 */
async function claimedBusiness(browser: Browser, nth: number) {
  const preparerContext = await browser.newContext();
  const preparer = await preparerContext.newPage();
  const signedIn = await preparer.request.post('/api/session', { data: PREPARER });
  expect(signedIn.status()).toBe(200);
  const { items } = (await (await preparer.request.get('/api/customers?page_size=100&sort=reg_number')).json()) as {
    items: Client[];
  };
  const several: Client[] = [];
  for (const client of items) {
    const summary = await (await preparer.request.get(`/api/customers/${client.id}/summary`)).json();
    if ((summary.accounts as unknown[]).length >= 2) several.push(client);
    if (several.length > nth) break;
  }
  const client = several[nth];
  expect(client, 'a client with two accounts').toBeTruthy();
  const letters = (await (await preparer.request.get(`/api/customers/${client.id}/messages`)).json()) as {
    letter_id: string;
  }[];
  await preparerContext.close();

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const ownerLogon = await newLogon(owner, 'owner', 'Olive Owner');
  const ask = (kind: string) => ({
    reg_number: client.reg_number,
    legal_name: client.legal_name,
    fact_kind: 'letter_id',
    letter_id: letters[0].letter_id,
    kind,
  });
  await owner.request.post('/api/session', { data: { username: ownerLogon.username, password: NEW_LOGON_PASSWORD } });
  const claimed = await owner.request.post('/api/access-requests', { data: ask('additional') });
  expect(((await claimed.json()) as { outcome: string }).outcome).toBe('granted');

  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  // A username near the 64-character limit: the pages that quote it must still fit 320 px.
  const colleagueLogon = await newLogon(colleague, 'casey.colleague.with.a.username.near.the.limit', 'Casey Colleague');
  await colleague.request.post('/api/session', {
    data: { username: colleagueLogon.username, password: NEW_LOGON_PASSWORD },
  });
  const asked = await colleague.request.post('/api/access-requests', { data: ask('additional') });
  const { request_id } = (await asked.json()) as { request_id: number };
  const context = (await (await owner.request.get(`/api/customers/${client.id}/accounts`)).json()) as {
    accounts: { account_id: number; account_number: string; tax_type: string }[];
  };
  const [first, ...rest] = context.accounts;
  const approved = await owner.request.post(`/api/customers/${client.id}/access-requests/${request_id}/approve`, {
    data: {
      access_type: 'tax_administrator',
      levels: [
        { account_id: first.account_id, level: 'file_only' },
        ...rest.map((a) => ({ account_id: a.account_id, level: 'no_access' })),
      ],
    },
  });
  expect(approved.status()).toBe(200);
  // The test logs in again itself, with the keyboard.
  await owner.request.delete('/api/session');
  return {
    client,
    accounts: context.accounts,
    owner,
    ownerLogon,
    colleague,
    colleagueLogon,
    who: `${colleagueLogon.name} (${colleagueLogon.username})`,
    close: async () => {
      await ownerContext.close();
      await colleagueContext.close();
    },
  };
}

const TAX_LABELS: Record<string, string> = {
  sales_and_use: 'Sales & Use',
  withholding: 'Withholding',
  room_occupancy: 'Room Occupancy',
};

test('seed 002 for an additional logon: Give Rights, Access Rights, Next, review, Submit; then Cancel Access', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const business = await claimedBusiness(browser, 0);
  const { owner, who, client } = business;
  const second = business.accounts[1];
  const secondName = `${TAX_LABELS[second.tax_type] ?? second.tax_type} ${second.account_number}`;

  await logInByKeyboard(owner, { username: business.ownerLogon.username, password: NEW_LOGON_PASSWORD });
  await press(owner, 'link', 'Manage My Profile');
  await press(owner, 'link', 'More...', owner.getByRole('navigation', { name: 'Main' }));
  // "If Additional Logon, select Manage Additional Logons hyperlink."
  await press(owner, 'link', 'Manage Additional Logons');
  await expect(h1(owner, 'Manage Additional Logons')).toBeVisible();
  await checkBothWidths(owner, testInfo);
  await press(owner, 'link', `Change access for ${who}`);
  await expect(h1(owner, 'Change access')).toBeVisible();
  await checkBothWidths(owner, testInfo);
  // "Select the button in the Give Rights column for the tax account(s)..."
  const give = owner.getByRole('checkbox', { name: `Give rights on ${secondName}`, exact: true });
  await expect(give).not.toBeChecked();
  await tabTo(owner, give, 80);
  await owner.keyboard.press('Space');
  await expect(give).toBeChecked();
  // "...Select View Only from the Access Rights column."
  const rights = owner.getByLabel(`Access Rights for ${secondName}`, { exact: true });
  await tabTo(owner, rights, 20);
  await owner.keyboard.press('Home');
  await owner.keyboard.type('View', { delay: 20 });
  await expect(rights.locator('option:checked')).toHaveText('View Only');
  // "Select the Next button and review."
  await press(owner, 'button', 'Next');
  await expect(owner.getByRole('heading', { level: 2, name: 'Check the access, then submit' })).toBeFocused();
  await expectPageText(owner, `${secondName}: View Only`);
  await expectPageText(owner, 'gets an email from us once it is processed');
  await checkBothWidths(owner, testInfo);
  // "Select the Submit button to confirm."
  await press(owner, 'button', 'Submit');
  await expect(h1(owner, 'Manage Additional Logons')).toBeVisible();
  await expect(owner.getByRole('status').filter({ hasText: 'You changed the access of' })).toBeVisible();
  const holders = owner.getByRole('table', { name: /Additional logons that can act/ });
  await expect(holders).toContainText(`${secondName}: View Only`);
  // "The authorized user will receive an email ... once the submission has been processed."
  await expect
    .poll(async () => {
      const { messages } = (await (await owner.request.get('/api/demo/mailbox')).json()) as {
        messages: { to: string; subject: string }[];
      };
      return messages.some(
        (m) => m.to === business.colleagueLogon.email && m.subject === `Your access to ${client.legal_name} was changed`,
      );
    })
    .toBe(true);

  // "Select the Cancel Access hyperlink for the user you are canceling."
  await press(owner, 'link', `Cancel Access for ${who}`);
  await expect(h1(owner, 'Cancel Access')).toBeVisible();
  await expectPageText(owner, 'Once access is canceled, it cannot be undone.');
  await checkBothWidths(owner, testInfo);
  await press(owner, 'button', 'Cancel Access');
  await expect(h1(owner, 'Manage Additional Logons')).toBeVisible();
  await expect(owner.getByRole('status').filter({ hasText: 'You canceled the access of' })).toBeVisible();
  await expect(holders).toContainText('No additional logons have access.');
  const summary = await business.colleague.request.get(`/api/customers/${client.id}/summary`);
  expect(summary.status()).toBe(404);
  await business.close();
});

test('seed 001: a Master Administrator makes a colleague one and steps down in the same change', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const business = await claimedBusiness(browser, 1);
  const { owner, who, client } = business;

  await logInByKeyboard(owner, { username: business.ownerLogon.username, password: NEW_LOGON_PASSWORD });
  await owner.goto('/more/additional-logons');
  await expect(h1(owner, 'Manage Additional Logons')).toBeVisible();
  await press(owner, 'link', `Change access for ${who}`);
  await expect(h1(owner, 'Change access')).toBeVisible();
  // The colleague is a Tax Administrator: the arrow key moves to Master Administrator.
  await tabTo(owner, owner.getByRole('radio', { name: 'Tax Administrator' }), 60);
  await owner.keyboard.press('ArrowUp');
  await expect(owner.getByRole('radio', { name: 'Master Administrator' })).toBeChecked();
  const stepDown = owner.getByRole('checkbox', { name: 'Step down: make me a Tax Administrator' });
  await expect(stepDown).toBeVisible();
  await checkBothWidths(owner, testInfo);
  await tabTo(owner, stepDown, 20);
  await owner.keyboard.press('Space');
  await expect(stepDown).toBeChecked();
  await press(owner, 'button', 'Next');
  await expect(owner.getByRole('heading', { level: 2, name: 'Check the access, then submit' })).toBeFocused();
  await expectPageText(owner, 'Access type Master Administrator');
  await expectPageText(owner, 'Your access Tax Administrator, with All Access to every account (you step down)');
  await checkBothWidths(owner, testInfo);
  await press(owner, 'button', 'Submit');

  await expect(h1(owner, 'Manage Your Access')).toBeVisible();
  await expect(
    owner.getByRole('status').filter({
      hasText: `is now a Master Administrator of ${client.legal_name}, and you are a Tax Administrator with All Access to every account.`,
    }),
  ).toBeVisible();
  const mine = owner.getByRole('table', { name: /Businesses you can act for/ }).getByRole('row', { name: new RegExp(client.legal_name) });
  await expect(mine).toContainText('Tax Administrator');
  await checkBothWidths(owner, testInfo);
  // The colleague manages the business now; the owner no longer can.
  const grants = await business.colleague.request.get(`/api/customers/${client.id}/grants`);
  expect(grants.status()).toBe(200);
  expect((await owner.request.get(`/api/customers/${client.id}/grants`)).status()).toBe(403);
  await business.close();
});
