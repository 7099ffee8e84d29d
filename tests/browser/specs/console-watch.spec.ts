// The console watch of fixtures.ts holds for every spec (issue 14 §1).
import { test, expect } from './fixtures';
import * as fs from 'node:fs';
import * as path from 'node:path';

test('every spec takes its test from the fixture that watches the console', async () => {
  const specs = fs.readdirSync(__dirname).filter((name) => name.endsWith('.spec.ts'));
  expect(specs.length).toBeGreaterThan(10);
  const bare = specs.filter((name) =>
    /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/.test(fs.readFileSync(path.join(__dirname, name), 'utf8')),
  );
  expect(bare, 'specs importing test from @playwright/test directly').toEqual([]);
});

test.describe('the watch itself', () => {
  // Each of these fails in the fixture's teardown, as a real problem would.
  test.fail('an uncaught page error fails the test', async ({ page }) => {
    await page.goto('/sign-in');
    await page.evaluate(() => setTimeout(() => { throw new Error('uncaught on purpose'); }));
    await page.waitForTimeout(200);
  });

  test.fail('a console error in a context the test opens itself fails the test', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.evaluate(() => console.error('panicked at src/example.rs: on purpose'));
    await page.waitForTimeout(200);
    await context.close();
  });

  test('a refused call the app expects (401) is no problem', async ({ page }) => {
    await page.goto('/sign-in');
    // The app's first "who is signed in?" answers 401 before Log In shows.
    await expect(page.getByLabel('Username', { exact: true })).toBeVisible();
  });
});
