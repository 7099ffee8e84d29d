// Starts the Taxpayer Portal's wasm app. trunk writes the hashed names of the
// app's files onto this script tag (see pattern_script in Trunk.toml); the
// code lives in this file rather than inline because the Content Security
// Policy only allows scripts from the site itself.
const boot = document.querySelector("script[data-portal-js]");
const { default: init } = await import(boot.dataset.portalJs);
await init({ module_or_path: boot.dataset.portalWasm });
