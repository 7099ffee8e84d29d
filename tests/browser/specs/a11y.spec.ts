// axe-core finds no WCAG 2.2 A/AA violation on any page, at the default
// viewport and at 320 px wide (WCAG 1.4.10 Reflow: no horizontal scrolling).
import { test, expect, type Page } from './fixtures';
import { expectNoAxeViolations, h1, logInButton, openSignIn, signIn } from './helpers';

type PageCase = { name: string; open: (page: Page) => Promise<void> };

const PAGES: PageCase[] = [
  {
    name: 'Log In',
    open: openSignIn,
  },
  {
    name: 'Log In with the error summary',
    open: async (page) => {
      await openSignIn(page);
      await logInButton(page).click();
      await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    },
  },
  {
    name: 'Summary',
    open: async (page) => {
      await signIn(page);
      await expect(page.getByText('NATURAL HEALTH LLC').first()).toBeVisible();
    },
  },
  {
    name: 'Manage My Profile',
    open: async (page) => {
      await signIn(page);
      await page.goto('/profile');
      await expect(h1(page, 'Manage My Profile')).toBeVisible();
    },
  },
  {
    name: 'Manage Payment Channels',
    open: async (page) => {
      await signIn(page);
      await page.goto('/more/payment-channels');
      await expect(h1(page, 'Manage Payment Channels')).toBeVisible();
      await expect(page.getByRole('table', { name: 'Bank accounts of NATURAL HEALTH LLC' })).toBeVisible();
    },
  },
  {
    name: 'Unlock your logon',
    open: async (page) => {
      await page.goto('/unlock?token=not-a-real-token');
      await expect(h1(page, 'Unlock your logon')).toBeVisible();
    },
  },
  {
    name: 'Page not found',
    open: async (page) => {
      await page.goto('/no-such-page');
      await expect(h1(page, 'Page not found')).toBeVisible();
    },
  },
];

/** Lets the page finish loading its data, so axe sees the finished page. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

for (const p of PAGES) {
  test(`${p.name}: no axe violations`, async ({ page }, testInfo) => {
    await p.open(page);
    await settle(page);
    await expectNoAxeViolations(page, testInfo);
  });
}

test.describe('at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 800 } });

  for (const p of PAGES) {
    test(`${p.name}: no axe violations, no horizontal scroll`, async ({ page }, testInfo) => {
      await p.open(page);
      await settle(page);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, 'page is no wider than 320 px (no horizontal scroll)').toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page, testInfo);
    });
  }
});
