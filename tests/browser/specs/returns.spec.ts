// Filing a return in the browser, keyboard only, as seed 000's Summary card
// offers it: File Now → the OS-114 form (computed lines as you type, saved
// as a draft) → leave and come back (the draft resumes) → review with Change
// links → Submit → confirmation (and its print stylesheet) → the return as
// filed → Amend. axe at the default width and at 320 px on every page.
// One story on one period of its own server's demo database: serial.
import { test, expect, type Page } from './fixtures';
import { checkBothWidths, expectPageText, h1, pageText, signIn, tabTo, typeInto } from './helpers';

test.describe.configure({ mode: 'serial' });
// A server of its own (playwright.config.ts): filing changes NATURAL HEALTH's
// Summary balance, which sign-in.spec.ts reads on the shared server.
const port = Number(process.env.PORTAL_TEST_PORT ?? 18080);
test.use({ baseURL: `http://127.0.0.1:${port + 3}` });

const FORM_TITLE = 'OS-114 Sales and Use Tax Return';
const formHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });
const GENERAL = 'Line 1, column A, General rate, in dollars';
const MEALS = 'Line 1, column B, Meals and beverages, in dollars';

const salesAndUseCard = (page: Page) => page.getByRole('article', { name: /^Sales & Use/ });
const fileNow = (page: Page) => salesAndUseCard(page).getByRole('link', { name: /^File Now/ });

/** From the Summary, by keyboard: Tab to the Sales & Use card's File Now and press Enter. */
async function openFileNow(page: Page) {
  await expect(h1(page, 'Summary')).toBeVisible();
  await tabTo(page, fileNow(page), 60);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'File Return')).toBeFocused();
  await expect(formHeading(page, FORM_TITLE)).toBeVisible();
}

/** The amount a computed line shows (the element the form gives the line's key as id). */
/** `/returns/{id}`: the return the first test files, which the second amends. */
let filedReturn = '';

const line = (page: Page, key: string) => page.locator(`#${key}`);

async function pressButton(page: Page, name: string) {
  await tabTo(page, page.getByRole('button', { name, exact: true }), 80);
  await page.keyboard.press('Enter');
}

test('a Sales & Use return is filed from File Now through review to confirmation, and resumed on the way', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  await openFileNow(page);
  await expectPageText(page, 'Return Period Ending On 12/31/2025');
  await checkBothWidths(page, testInfo);

  // Computed lines follow the typing: 6.35 % of $10,000.00 is $635.00.
  await typeInto(page, GENERAL, '10000');
  await expect(line(page, 'line_10b')).toContainText('$635.00');
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();

  // Leave mid-way (a reload of the Summary, as after a closed tab): File Now resumes the draft.
  await page.goto('/summary');
  await openFileNow(page);
  await expect(page.getByLabel(GENERAL, { exact: true })).toHaveValue('10000');
  await expect(line(page, 'line_10b')).toContainText('$635.00');

  // A box with three decimals is refused in the error summary, linked to the box.
  await typeInto(page, MEALS, '1000.123');
  await pressButton(page, 'Continue to review');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('2 decimal places');
  await typeInto(page, MEALS, '1000');
  // 7.35 % of $1,000.00 is $73.50: $708.50 in all.
  await expect(line(page, 'line_10b')).toContainText('$708.50');
  await pressButton(page, 'Continue to review');

  await expect(h1(page, 'Review your return')).toBeFocused();
  const row = (name: string) => page.getByRole('row', { name: new RegExp(`^${name} `) });
  await expect(row('Line 10b')).toContainText('$708.50');
  await checkBothWidths(page, testInfo);

  // Change goes back to the box itself.
  await tabTo(page, page.getByRole('link', { name: 'Change Line 1, column B', exact: true }), 120);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel(MEALS, { exact: true })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2000');
  await expect(line(page, 'line_10b')).toContainText('$782.00');
  await pressButton(page, 'Continue to review');
  await expect(h1(page, 'Review your return')).toBeFocused();
  await expect(row('Line 10b')).toContainText('$782.00');
  const total = (await row('Line 14').locator('td').nth(1).innerText()).trim();

  await pressButton(page, 'Submit');
  await expect(h1(page, 'Return submitted')).toBeFocused();
  await expectPageText(page, 'Your return has been submitted.');
  await expectPageText(page, `Amount due ${total}`);
  await expectPageText(page, 'Filed by Jane Smith');
  const number = /Confirmation number (\S+)/.exec(await pageText(page))?.[1] ?? '';
  filedReturn = new URL(page.url()).pathname.replace(/\/confirmation$/, '');
  expect(number).not.toBe('');
  await checkBothWidths(page, testInfo);

  // Printed, the page keeps the confirmation and drops the site's header and the buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print this page' })).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByText(number).first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The period is filed: the card no longer offers File Now for it.
  await page.goto('/summary');
  await expect(salesAndUseCard(page)).toBeVisible();
  await expect(fileNow(page)).toHaveCount(0);
});

test('a filed return is shown as filed and amended, and the original stays in its period', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  // The return the first test filed.
  expect(filedReturn, 'the first test filed a return').not.toBe('');
  await page.goto(filedReturn);
  await expect(h1(page, 'Return as filed')).toBeVisible();
  await expect(formHeading(page, 'OS-114 return for the period ending 12/31/2025')).toBeVisible();
  await expect(page.getByRole('row', { name: /^Line 10b / })).toContainText('$782.00');
  await checkBothWidths(page, testInfo);

  await tabTo(page, page.getByRole('link', { name: 'Amend', exact: true }), 60);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Amend Return')).toBeFocused();
  await expect(formHeading(page, `Amended ${FORM_TITLE}`)).toBeVisible();
  // The amendment starts from the figures filed.
  await expect(page.getByLabel(GENERAL, { exact: true })).toHaveValue('10000');
  await checkBothWidths(page, testInfo);
  await typeInto(page, GENERAL, '20000');
  // $1,270.00 + $147.00, less the $782.00 the original reported (Line 11).
  await expect(line(page, 'line_10b')).toContainText('$1,417.00');
  await expect(line(page, 'line_11')).toContainText('$782.00');
  await expect(line(page, 'line_12')).toContainText('$635.00');
  await pressButton(page, 'Continue to review');
  await expect(h1(page, 'Review your return')).toBeFocused();
  await pressButton(page, 'Submit');
  await expect(h1(page, 'Return submitted')).toBeFocused();
  await expectPageText(page, 'Your amended return has been submitted.');

  await tabTo(page, page.getByRole('link', { name: 'View the return as filed' }), 60);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'Return as filed')).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: /^OS-114 amended return/ })).toBeVisible();
  // The original is still there, as filed.
  const original = page.getByRole('link', { name: /^Original return .*, filed / });
  await expect(original).toBeVisible();
  await original.click();
  await expect(page.getByRole('row', { name: /^Line 10b / })).toContainText('$782.00');
});

test('the return is found in View Return History by filing date, and the account page shows its period', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  // From the Summary card to the account page, by keyboard.
  await tabTo(page, salesAndUseCard(page).getByRole('link', { name: 'View/File Returns and View Period Detail' }), 60);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'View/File Returns and View Period Detail')).toBeFocused();
  await expectPageText(page, 'Information is current as of');
  // One format for a time everywhere: mm/dd/yyyy h:mm AM, Connecticut time.
  expect(await pageText(page)).toMatch(/Information is current as of \d{2}\/\d{2}\/\d{4} (?:[1-9]|1[0-2]):\d{2} [AP]M\./);
  const period = page.getByRole('row', { name: /^12\/31\/2025 / });
  await expect(period).toContainText('Return filed');
  await expect(period.getByRole('link', { name: /\(amended\)$/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Balance \(line\) and payments \(bars\) by month/ })).toBeVisible();
  await checkBothWidths(page, testInfo);

  await tabTo(page, page.getByRole('link', { name: 'View Return History' }), 120);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'View Return History')).toBeFocused();
  // Filed today: search by filing date from today.
  const today = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => today.find((p) => p.type === type)?.value ?? '';
  // A radio group is one Tab stop: the arrow keys choose within it.
  await tabTo(page, page.getByRole('radio', { name: 'Period end' }), 40);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Filing date' })).toBeChecked();
  await tabTo(page, page.getByRole('group', { name: /^Start date/ }).getByLabel('Month'), 20);
  await page.keyboard.type(part('month'));
  await page.keyboard.press('Tab');
  await page.keyboard.type(part('day'));
  await page.keyboard.press('Tab');
  await page.keyboard.type(part('year'));
  await pressButton(page, 'Search');
  await expect(page).toHaveURL(/by=filed/);
  const found = page.getByRole('row', { name: /Sales & Use .*12\/31\/2025/ });
  await expect(found).toHaveCount(2);
  await expect(found.filter({ hasText: 'Amended' })).toHaveCount(1);
  await checkBothWidths(page, testInfo);
  // A confirmation number opens the return as filed.
  await found.filter({ hasText: 'Original' }).getByRole('link').first().click();
  await expect(formHeading(page, 'OS-114 return for the period ending 12/31/2025')).toBeVisible();
});
