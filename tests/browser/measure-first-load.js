// Loads the Log In page in headless chromium on a slow 4G profile and prints
// the bytes over the wire and the time until the Username field is visible,
// for each run and their median. Run by scripts/measure-first-load.sh, which
// starts the server; alone: `node measure-first-load.js http://127.0.0.1:PORT [runs]`.
//
// The profile is Lighthouse's mobile one: 150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up, the CPU slowed 4 times. Every run is a new browser context,
// so nothing is cached: this is a first visit.
'use strict';

const { chromium } = require('playwright-core');
const launch = require('./chromium.js');

const PROFILE = {
  latency: 150, // ms, round trip
  downloadThroughput: 1_600_000 / 8, // bytes/s
  uploadThroughput: 750_000 / 8,
  cpuSlowdown: 4,
};

// Runs in the page before any of its scripts: notes the time (ms since the
// navigation started) at which the Username field is first visible.
function watchForUsername() {
  const check = () => {
    const field = document.getElementById('username');
    if (window.__usernameVisibleAt === undefined && field && field.checkVisibility()) {
      window.__usernameVisibleAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

async function measureOnce(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latency,
    downloadThroughput: PROFILE.downloadThroughput,
    uploadThroughput: PROFILE.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });

  const requests = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    requests.set(requestId, { url: response.url, status: response.status, bytes: 0, done: false });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const r = requests.get(requestId);
    if (r) Object.assign(r, { bytes: encodedDataLength, done: true });
  });

  await page.addInitScript(watchForUsername);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__usernameVisibleAt !== undefined, null, {
    timeout: 120_000,
    polling: 100,
  });
  const ms = await page.evaluate(() => window.__usernameVisibleAt);
  // What had arrived when the field showed (a request still in flight then
  // did not hold it up, and is left out).
  const files = [...requests.values()].filter((r) => r.done);
  await context.close();
  return { ms, files, bytes: files.reduce((sum, r) => sum + r.bytes, 0) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const base = process.argv[2];
  const runs = Number(process.argv[3] ?? 3);
  if (!base) throw new Error('usage: node measure-first-load.js BASE_URL [RUNS]');
  const url = new URL('/sign-in', base).href;
  const browser = await chromium.launch({ executablePath: launch.executablePath, args: launch.args });
  const results = [];
  try {
    for (let i = 1; i <= runs; i++) {
      const result = await measureOnce(browser, url);
      results.push(result);
      console.log(`run ${i}: ${Math.round(result.ms)} ms, ${result.bytes} bytes in ${result.files.length} responses`);
    }
  } finally {
    await browser.close();
  }
  const mid = results.find((r) => r.ms === median(results.map((r) => r.ms)));
  console.log(`\nresponses of the median run (bytes over the wire, headers included):`);
  for (const f of mid.files) {
    console.log(`  ${String(f.bytes).padStart(9)}  ${f.status}  ${new URL(f.url).pathname}`);
  }
  console.log(
    `\nslow 4G (${PROFILE.latency} ms RTT, ${PROFILE.downloadThroughput * 8 / 1e6} Mbit/s, CPU x${PROFILE.cpuSlowdown}), ` +
      `median of ${runs}: Username visible after ${Math.round(mid.ms)} ms, ${mid.bytes} bytes`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
