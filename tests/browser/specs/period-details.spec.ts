// View Account Period Details (seed 001), keyboard only: from the account
// page to every account's periods for the business, "Balance if paid by" a
// date the person chooses, a wrong date in the error summary, and the CSV.
// It only reads, so it runs on the shared server.
import { test, expect, type Page } from './fixtures';
import { checkBothWidths, expectPageText, h1, signIn, tabTo } from './helpers';

/** A date `months` ahead in Connecticut, as mm, dd, yyyy (the 15th: never past a month's end). */
function ahead(months: number): [string, string, string] {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York', year: 'numeric', month: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const index = part('year') * 12 + (part('month') - 1) + months;
  const month = String((index % 12) + 1).padStart(2, '0');
  return [month, '15', String(Math.floor(index / 12))];
}

async function typeDate(page: Page, [month, day, year]: [string, string, string]) {
  const group = page.getByRole('group', { name: /^Balance if paid by/ });
  // From the top of the page (the h1 takes focus on arrival and after a search).
  await page.locator('h1').focus();
  await tabTo(page, group.getByLabel('Month'), 60);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(month);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(day);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(year);
}

async function search(page: Page) {
  await tabTo(page, page.getByRole('button', { name: 'Search', exact: true }), 40);
  await page.keyboard.press('Enter');
}

test('View Account Period Details shows every account of the business with its balance if paid by a chosen date', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  const card = page.getByRole('article', { name: /^Sales & Use/ });
  await tabTo(page, card.getByRole('link', { name: 'View/File Returns and View Period Detail' }), 60);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'View/File Returns and View Period Detail')).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: 'View Account Period Details' }), 120);
  await page.keyboard.press('Enter');
  await expect(h1(page, 'View Account Period Details')).toBeFocused();
  await expectPageText(page, 'Information is current as of');
  const table = page.getByRole('table', { name: /^Account periods by period end/ });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  // Every account of the business, not only the one the page was opened from.
  const types = new Set(await table.locator('tbody tr td:nth-of-type(1)').allInnerTexts());
  expect(types.size).toBeGreaterThan(1);
  await expect(page.getByRole('link', { name: 'Download these periods (CSV)' })).toBeVisible();
  await checkBothWidths(page, testInfo);

  // A date that is not one: the error summary names it and leads to it.
  await typeDate(page, ['13', '45', '2026']);
  await search(page);
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(1);
  await summary.getByRole('link').first().press('Enter');
  await expect(page.getByRole('group', { name: /^Balance if paid by/ }).getByLabel('Month')).toBeFocused();
  await checkBothWidths(page, testInfo);

  // A real date two months ahead: the column is for that date.
  const chosen = ahead(2);
  await typeDate(page, chosen);
  await search(page);
  await expect(page).toHaveURL(/pay_by=/);
  await expect(table.getByRole('columnheader', { name: `Balance if paid by ${chosen[0]}/${chosen[1]}/${chosen[2]}` })).toBeVisible();
  await checkBothWidths(page, testInfo);
});
