// The `test` every spec uses: Playwright's own, plus a watch on the browser's
// console that fails the test on any console error, uncaught page error or
// wasm panic (console_error_panic_hook logs a panic as a console error; a trap
// such as "unreachable" is an uncaught RuntimeError). It watches every page of
// the test, also those of contexts the test opens itself with
// `browser.newContext()`, so no spec can opt out by accident (issue 14 §1).
//
// The browser's own network lines for a refused call ("Failed to load
// resource: … status of 401") are answers the app expects and shows; a 5xx is
// not, and counts. A spec that provokes an error on purpose names it:
// `test.use({ allowedConsoleErrors: /what it expects/ })`.
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export * from '@playwright/test';

const EXPECTED_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d/;

type Options = { allowedConsoleErrors: RegExp | undefined };

export const test = base.extend<Options & { consoleWatch: void }>({
  allowedConsoleErrors: [undefined, { option: true }],
  consoleWatch: [
    async ({ context, browser, allowedConsoleErrors }, use) => {
      const problems: string[] = [];
      const allowed = (text: string) =>
        EXPECTED_REFUSAL.test(text) || (allowedConsoleErrors?.test(text) ?? false);
      const watched = new WeakSet<Page>();
      const watchPage = (page: Page) => {
        if (watched.has(page)) return;
        watched.add(page);
        page.on('console', (message) => {
          if (message.type() === 'error' && !allowed(message.text())) {
            problems.push(`console error on ${page.url()}: ${message.text()}`);
          }
        });
        page.on('pageerror', (error) => {
          if (!allowed(error.message)) problems.push(`page error on ${page.url()}: ${error.message}`);
        });
      };
      const watchContext = (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage);
        ctx.on('page', watchPage);
      };
      watchContext(context);
      // Contexts and pages the test opens itself are watched the same way.
      const b = browser as Browser & { newContext: Browser['newContext']; newPage: Browser['newPage'] };
      const newContext = b.newContext;
      const newPage = b.newPage;
      b.newContext = async (...args) => {
        const made = await newContext.apply(browser, args);
        watchContext(made);
        return made;
      };
      b.newPage = async (...args) => {
        const made = await newPage.apply(browser, args);
        watchPage(made);
        return made;
      };
      try {
        await use();
      } finally {
        b.newContext = newContext;
        b.newPage = newPage;
      }
      expect(problems, 'the browser console stays free of errors, page errors and panics').toEqual([]);
    },
    { auto: true },
  ],
});
