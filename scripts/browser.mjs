// The Chromium the browser tests and the bench drive with playwright-core, found without apt:
// Debian's /usr/bin/chromium when the machine has it, else the binary that ships inside the
// @sparticuz/chromium npm package (unpacked to the temp folder on first use, about 2 s). A fresh
// machine with only Node and npm therefore runs every browser test; none skips itself.
import fs from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

// Flags for a closed network: without the background-networking ones Chromium keeps trying to reach
// Google's hosts at every start. The sandbox needs user namespaces a root CI container lacks.
const QUIET_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

// @sparticuz/chromium's own list, minus the flags that would hide what a real browser does to the tab:
// same-origin and isolation rules matter to an extension iframe talking to its host.
const HIDING_FLAGS = new Set([
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--disable-site-isolation-trials",
  // One process for a whole browser is for Lambda; here it closes the browser when a second page opens.
  "--single-process",
  "--no-zygote",
]);

/** Where the browser comes from, and how to start it: `{ executablePath, args, source }`. */
export async function chromiumLaunchOptions() {
  if (fs.existsSync(DEBIAN_CHROMIUM))
    return { executablePath: DEBIAN_CHROMIUM, args: QUIET_FLAGS, source: DEBIAN_CHROMIUM };
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `No Chromium for ${process.platform}-${process.arch}: the npm package @sparticuz/chromium carries a linux-x64 build only. ` +
        `Install Chromium and set LZ_CHROMIUM to its path.`,
    );
  }
  const sparticuz = (await import("@sparticuz/chromium")).default;
  const executablePath = await sparticuz.executablePath();
  const args = [
    ...sparticuz.args.filter((a) => !HIDING_FLAGS.has(a)),
    ...QUIET_FLAGS.filter((f) => f !== "--headless"),
  ];
  return { executablePath, args, source: `@sparticuz/chromium (${executablePath})` };
}

/** LZ_CHROMIUM=<path> wins over both, for machines with their own browser. */
export async function resolveChromium() {
  const override = process.env.LZ_CHROMIUM;
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`LZ_CHROMIUM=${override}: no such file`);
    return { executablePath: override, args: QUIET_FLAGS, source: `LZ_CHROMIUM (${override})` };
  }
  return chromiumLaunchOptions();
}

/** Launches headless Chromium through playwright-core. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const { executablePath, args } = await resolveChromium();
  return chromium.launch({ executablePath, args, headless: true });
}
