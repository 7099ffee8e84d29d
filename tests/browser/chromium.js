// How the browser tests and scripts/measure-first-load.sh start Debian's
// chromium, in one place. CommonJS so that plain node can require it too.
'use strict';

module.exports = {
  executablePath: process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium',
  // --headless=new: the real browser in headless mode. The rest keep an
  // offline machine quiet (no update checks, sync or other background calls).
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
