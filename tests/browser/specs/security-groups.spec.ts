// Seed 002 as the preparer LedgerlineAdmin, with the keyboard: create a security
// group, move one client into it on Customer Security, add a secondary logon
// with only that group, open the invitation from the demo mailbox, set the
// password, and log in as the new logon: it reaches exactly that one client.
// Every page passes axe at the default width and at 320 px.
import { test, expect, type Page, type TestInfo } from './fixtures';
import {
  checkBothWidths,
  expectNoAxeViolations,
  expectPageText,
  h1,
  passwordField,
  PREPARER,
  tabTo,
  typeInto,
  usernameField,
} from './helpers';

/** Opens Log In; the first load compiles the debug wasm, which is slow on a busy machine. */
async function openSignIn(page: Page) {
  await page.goto('/sign-in');
  await expect(usernameField(page)).toBeVisible({ timeout: 30_000 });
}

async function press(page: Page, role: 'link' | 'button', name: string) {
  const target = page.getByRole(role, { name, exact: true });
  await expect(target).toBeVisible();
  await tabTo(page, target, 150);
  await page.keyboard.press('Enter');
}

/** Ticks or unticks a checkbox with the space bar. */
async function toggle(page: Page, name: string) {
  await tabTo(page, page.getByRole('checkbox', { name, exact: true }), 80);
  await page.keyboard.press('Space');
}

async function logIn(page: Page, username: string, password: string) {
  await openSignIn(page);
  await tabTo(page, usernameField(page));
  await page.keyboard.type(username);
  await tabTo(page, passwordField(page));
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** `text` as a regular expression that matches it literally. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Row = { customer_id: number; legal_name: string; reg_number: string; group: { name: string } };

test('seed 002: a secondary logon with one security group reaches exactly its one client', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const group = `Bakery desk ${id}`;
  const username = `baker.${id}`;
  const email = `baker.${id}@ledgerline.example`;
  const password = 'orange kettle winter violin';

  await logIn(page, PREPARER.username, PREPARER.password);
  await expect(h1(page, 'Customers')).toBeVisible();
  await press(page, 'link', 'More...');
  await press(page, 'link', 'Manage Secondary Logons');
  await expect(h1(page, 'Secondary Logons')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Logons' })).toContainText('LedgerlineStaff');

  // Security Groups → Add.
  await press(page, 'link', 'Security Groups');
  await expect(h1(page, 'Security Groups')).toBeVisible();
  const groups = page.getByRole('table', { name: 'Security groups' });
  await expect(groups).toContainText('Payroll clients');
  await expect(groups.getByRole('link', { name: 'Delete Default' })).toHaveCount(0);
  await checkBothWidths(page, testInfo);
  await press(page, 'link', 'Add a security group');
  await expect(h1(page, 'Add a Security Group')).toBeVisible();
  await press(page, 'button', 'Save');
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await checkBothWidths(page, testInfo);
  await typeInto(page, 'Name', group);
  await typeInto(page, 'Description (optional)', 'The bakeries');
  await press(page, 'button', 'Save');
  await expect(h1(page, 'Security Groups')).toBeVisible();
  await expectPageText(page, `The security group ${group} has been added.`);
  await expect(groups.getByRole('row', { name: new RegExp(group) })).toContainText('0');

  // Customer Security: find one client in Default and move it to the new group.
  const listed = await page.request.get('/api/customer-security?q=HARBOR');
  expect(listed.status()).toBe(200);
  const client = ((await listed.json()) as { items: Row[] }).items.find((r) => r.group.name === 'Default');
  expect(client, 'a HARBOR client in Default').toBeTruthy();
  await press(page, 'link', 'Customer Security');
  await expect(h1(page, 'Customer Security')).toBeVisible();
  await expect(page.getByRole('main').getByText(/^Showing 1–25 of \d{3}$/)).toBeVisible();
  await checkBothWidths(page, testInfo);
  await typeInto(page, 'Search by name or CT Tax Reg No', client!.reg_number);
  await page.keyboard.press('Enter');
  const security = page.getByRole('table', { name: 'Customers and their security groups' });
  await expect(security.locator('tbody tr')).toHaveCount(1);
  await press(page, 'link', `Default, change the security group of ${client!.legal_name}`);
  await expect(h1(page, 'Select Security Group')).toBeVisible();
  await checkBothWidths(page, testInfo);
  // Tab stops on the chosen radio (Default); the arrow key moves to the next group.
  await tabTo(page, page.getByRole('radio', { name: 'Default', exact: true }), 40);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: group, exact: true })).toBeChecked();
  await press(page, 'button', 'Save');
  await expect(h1(page, 'Customer Security')).toBeVisible();
  await expectPageText(page, `${client!.legal_name} is now in the security group ${group}.`);

  // Secondary Logons → Add, with only the new group.
  await press(page, 'link', 'Secondary Logons');
  await press(page, 'link', 'Add a secondary logon');
  await expect(h1(page, 'Create a Logon for Someone Else')).toBeVisible();
  await typeInto(page, 'Logon', username);
  await typeInto(page, 'Name', 'Casey Baker');
  await typeInto(page, 'Email', email);
  await typeInto(page, 'Confirm Email', email);
  await tabTo(page, page.getByRole('radio', { name: 'Master Administrator' }), 20);
  await page.keyboard.press('ArrowDown');
  await toggle(page, 'Default');
  await toggle(page, group);
  await expect(page.getByRole('checkbox', { name: 'Default', exact: true })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: group, exact: true })).toBeChecked();
  await press(page, 'button', 'Save');
  await expect(page.getByRole('status').filter({ hasText: `An email has been sent to ${email}` })).toBeFocused();
  await press(page, 'button', 'OK');
  await expect(page.getByRole('table', { name: 'Logons' })).toContainText(username);

  // The invitation, as the demo mailbox holds it.
  let link = '';
  await expect
    .poll(async () => {
      const response = await page.request.get('/api/demo/mailbox');
      const { messages } = (await response.json()) as { messages: { to: string; kind: string; body: string }[] };
      link = messages.find((m) => m.to === email && m.kind === 'invitation')?.body.match(/https?:\/\/\S+/)?.[0] ?? '';
      return link;
    })
    .not.toBe('');
  await press(page, 'button', 'Log Out');
  await expect(h1(page, 'Log In')).toBeVisible();

  const invitation = new URL(link);
  await page.goto(`${invitation.pathname}${invitation.search}`);
  await expect(h1(page, 'Set your password')).toBeVisible();
  await expectPageText(page, `Pat Morgan made a logon for you, Casey Baker, to work on their behalf. Your username is ${username}.`);
  await expect(page).toHaveURL(/\/set-password$/); // the token has left the address bar
  await checkBothWidths(page, testInfo);
  await typeInto(page, 'Password', password);
  await typeInto(page, 'Confirm password', password);
  await tabTo(page, page.getByRole('radio').first(), 40);
  await page.keyboard.press('Space');
  await typeInto(page, 'Answer to your secret question', 'Rex');
  await press(page, 'button', 'Set password');
  await expect(h1(page, 'Log In')).toBeVisible();
  await expectPageText(page, `Your password is set. Log in with your username ${username}`);

  // The new logon reaches exactly the one client: its Summary, no switcher.
  await logIn(page, username, password);
  await expect(h1(page, 'Summary')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: client!.legal_name })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Change client' })).toHaveCount(0);
  await checkBothWidths(page, testInfo);
  await page.goto('/customers');
  const customers = page.getByRole('table', { name: 'Customers you can work on' });
  await expect(customers.locator('tbody tr')).toHaveCount(1);
  await expect(customers).toContainText(client!.legal_name);
  await expect(customers).toContainText('Secondary logon');

  // A secondary logon cannot make logons of its own: More... does not offer it.
  await press(page, 'link', 'More...');
  await expect(h1(page, 'More...')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('link', { name: 'Manage Additional Logons' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Manage Secondary Logons' })).toHaveCount(0);
});

/** A confirmed logon of the test's own: a parent whose groups no other test sees. */
async function newParent(page: Page) {
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const person = { username: `groups.${id}`, email: `groups.${id}@example.com`, password: 'orange kettle winter violin' };
  const created = await page.request.post('/api/registrations', {
    data: {
      username: person.username,
      name: 'Edsger Dijkstra',
      email: person.email,
      confirm_email: person.email,
      password: person.password,
      confirm_password: person.password,
      secret_question: 'What was the name of your first pet?',
      secret_answer: 'Rex',
    },
  });
  expect(created.status()).toBe(201);
  let token = '';
  await expect
    .poll(async () => {
      const { messages } = (await (await page.request.get('/api/demo/mailbox')).json()) as {
        messages: { to: string; kind: string; body: string }[];
      };
      const link = messages.find((m) => m.to === person.email && m.kind === 'verify_email')?.body.match(/https?:\/\/\S+/)?.[0];
      token = link ? new URL(link).searchParams.get('token') ?? '' : '';
      return token;
    })
    .not.toBe('');
  expect((await page.request.post('/api/registrations/verify', { data: { token } })).status()).toBe(200);
  return person;
}

test('a security group is renamed, refused a name already used, and deleted after a confirmation', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const parent = await newParent(page);
  await logIn(page, parent.username, parent.password);
  await expect(h1(page, 'Summary')).toBeVisible();
  await page.goto('/more/security-groups');
  await expect(h1(page, 'Security Groups')).toBeVisible();
  const groups = page.getByRole('table', { name: 'Security groups' });
  await expect(groups).toContainText('Default');

  for (const name of ['Front desk', 'Back office']) {
    await press(page, 'link', 'Add a security group');
    await expect(h1(page, 'Add a Security Group')).toBeVisible();
    await typeInto(page, 'Name', name);
    await press(page, 'button', 'Save');
    await expect(h1(page, 'Security Groups')).toBeVisible();
  }

  // Renaming to a name the parent already uses is refused on the field.
  await press(page, 'link', 'Change Front desk');
  await expect(h1(page, 'Change Security Group')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Front desk');
  await typeInto(page, 'Name', 'back office');
  await press(page, 'button', 'Save');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'You already have a security group with that name' })).toBeVisible();
  await checkBothWidths(page, testInfo);
  await typeInto(page, 'Name', 'Reception');
  await press(page, 'button', 'Save');
  await expect(h1(page, 'Security Groups')).toBeVisible();
  await expectPageText(page, 'The security group Reception has been saved.');

  await press(page, 'link', 'Delete Reception');
  await expect(h1(page, 'Delete Security Group')).toBeVisible();
  await expectPageText(page, 'back to Default');
  await checkBothWidths(page, testInfo);
  await press(page, 'button', 'Delete');
  await expect(h1(page, 'Security Groups')).toBeVisible();
  await expectPageText(page, 'The security group Reception has been deleted. Its customers are back in Default.');
  await expect(groups).not.toContainText('Reception');
  await expect(groups).toContainText('Back office');
});

test('Customer Security moves 20 customers to a group in one action', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const group = `Move desk ${id}`;
  await logIn(page, PREPARER.username, PREPARER.password);
  await expect(h1(page, 'Customers')).toBeVisible();
  const made = await page.request.post('/api/security-groups', { data: { name: group, description: '' } });
  expect(made.status()).toBe(201);

  // The end of the alphabet, which no other test moves.
  await page.goto('/more/customer-security?sort=name&dir=descending');
  await expect(h1(page, 'Customer Security')).toBeVisible();
  const security = page.getByRole('table', { name: 'Customers and their security groups' });
  await expect(security.locator('tbody tr')).toHaveCount(25);
  const names = await security.locator('tbody th').allInnerTexts();

  // All on the page, then five of them off again: 20.
  await toggle(page, 'Select all on this page');
  await expectPageText(page, '25 selected');
  for (const name of names.slice(20)) await toggle(page, `Select ${name}`);
  await expectPageText(page, '20 selected');
  const target = page.getByLabel('Move the selected customers to', { exact: true });
  await tabTo(page, target, 120);
  await target.selectOption({ label: group });
  await press(page, 'button', 'Move selected customers');
  await expect(page.getByRole('status').filter({ hasText: `20 customers moved to ${group}.` })).toBeVisible();
  for (const name of names.slice(0, 20)) {
    await expect(security.getByRole('row', { name: new RegExp(escaped(name)) })).toContainText(group);
  }
  await expect(security.getByRole('row', { name: new RegExp(escaped(names[20])) })).not.toContainText(group);
  await expectPageText(page, '0 selected');
  await checkBothWidths(page, testInfo);

  // Nothing ticked: the error summary says so, and nothing moves.
  await press(page, 'button', 'Move selected customers');
  await expect(page.getByRole('link', { name: 'Select the customers to move' })).toBeVisible();

  // Back to Default, so LedgerlineStaff keeps its reach for the other specs.
  const groups = (await (await page.request.get('/api/security-groups')).json()) as { id: number; name: string }[];
  const defaultId = groups.find((g) => g.name === 'Default')!.id;
  const listed = (await (await page.request.get('/api/customer-security?sort=name&dir=descending')).json()) as { items: Row[] };
  const ids = listed.items.filter((r) => r.group.name === group).map((r) => r.customer_id);
  expect(ids).toHaveLength(20);
  const back = await page.request.post('/api/customer-security/move', { data: { group_id: defaultId, customer_ids: ids } });
  expect(back.status()).toBe(200);
});

test('Customer Security moves every customer matching a search in one action, beyond the page shown', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const group = `All desk ${id}`;
  await logIn(page, PREPARER.username, PREPARER.password);
  await expect(h1(page, 'Customers')).toBeVisible();
  const made = await page.request.post('/api/security-groups', { data: { name: group, description: '' } });
  expect(made.status()).toBe(201);
  // Caterers, plumbers and landscapers: more than a page, and no other test's clients.
  const search = 'ING';
  const matched = (await (await page.request.get(`/api/customer-security?q=${search}&page_size=100`)).json()) as { items: Row[]; total: number };
  expect(matched.total).toBeGreaterThan(25);
  expect(matched.items).toHaveLength(matched.total);

  await page.goto(`/more/customer-security?q=${search}`);
  await expect(h1(page, 'Customer Security')).toBeVisible();
  const security = page.getByRole('table', { name: 'Customers and their security groups' });
  await expect(security.locator('tbody tr')).toHaveCount(25);
  // The offer appears only once the whole page is ticked.
  const offer = page.getByRole('button', { name: `Select all ${matched.total} customers matching this search` });
  await expect(offer).toHaveCount(0);
  await toggle(page, 'Select all on this page');
  await expectPageText(page, '25 selected');
  await press(page, 'button', `Select all ${matched.total} customers matching this search`);
  await expectPageText(page, `All ${matched.total} customers matching this search selected`);
  await expect(page.getByRole('button', { name: 'Select only this page' })).toBeVisible();
  await checkBothWidths(page, testInfo);
  const target = page.getByLabel('Move the selected customers to', { exact: true });
  await tabTo(page, target, 120);
  await target.selectOption({ label: group });
  await press(page, 'button', 'Move selected customers');
  await expect(page.getByRole('status').filter({ hasText: `${matched.total} customers moved to ${group}.` })).toBeVisible();
  await expectPageText(page, '0 selected');
  const after = (await (await page.request.get(`/api/customer-security?q=${search}&page_size=100`)).json()) as { items: Row[] };
  expect(after.items.filter((r) => r.group.name === group)).toHaveLength(matched.total);

  // Back to Default, so LedgerlineStaff keeps its reach for the other specs.
  const groups = (await (await page.request.get('/api/security-groups')).json()) as { id: number; name: string }[];
  const defaultId = groups.find((g) => g.name === 'Default')!.id;
  const back = await page.request.post('/api/customer-security/move', {
    data: { group_id: defaultId, matching: { q: search, expected: matched.total } },
  });
  expect(back.status()).toBe(200);
});
