// The first visit says what this is (issue 14 §5): the agency's name and an
// official-service banner, one line on who the service is for, and footer
// links to Help, Contact, Accessibility statement and Privacy, each a real
// page. Keyboard only; axe at the default width and at 320 px.
import { test, expect } from './fixtures';
import { checkBothWidths, expectPageText, h1, openSignIn, tabTo } from './helpers';

test('Log In says whose service it is and for whom, and the footer pages are real', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openSignIn(page);
  await expectPageText(page, 'An official website of the State of Connecticut · Department of Revenue Services');
  await expectPageText(page, 'For Connecticut businesses, and the tax preparers who act for them');

  const footer = page.getByRole('contentinfo');
  const pages: [string, string, string][] = [
    ['Help', 'Help', 'Have ready the business\'s CT Tax Registration Number'],
    ['Contact', 'Contact', 'Master Administrators'],
    ['Accessibility statement', 'Accessibility statement', 'WCAG) 2.2 at level AA'],
    ['Privacy', 'Privacy', 'never for advertising or tracking'],
  ];
  for (const [link, title, text] of pages) {
    await tabTo(page, footer.getByRole('link', { name: link, exact: true }), 60);
    await page.keyboard.press('Enter');
    await expect(h1(page, title)).toBeFocused();
    await expect(page).toHaveTitle(`${title} - Taxpayer Portal`);
    await expectPageText(page, text);
    await checkBothWidths(page, testInfo);
  }
});

test('the footer pages open by their address too, signed out', async ({ page }) => {
  for (const [path, title] of [['/help', 'Help'], ['/contact', 'Contact'], ['/accessibility', 'Accessibility statement'], ['/privacy', 'Privacy']]) {
    await page.goto(path);
    await expect(h1(page, title)).toBeVisible();
  }
});
