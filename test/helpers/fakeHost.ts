/**
 * The release tab and hub as they run: the BUILT pages (build/hub/tab.html, hub.html, served on
 * their own origin like the marketplace's CDN) in an iframe of a fake Azure DevOps host page
 * (test/hub/host/hostPage.ts, on another origin), which answers the SDK's XDM protocol, and the
 * fake REST services (fakeDevOpsRest.ts) the real api clients reach through the host's location
 * service. Used by the browser tests and by the bench.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import * as esbuild from "esbuild";
import type { Browser, Frame, Page } from "playwright-core";
import type { HostConfig, HostLog } from "../hub/host/protocol";
import { FakeDevOpsRest, ORG, PROJECTS } from "./fakeDevOpsRest";
import { repoRoot } from "./taskRun";

/** Resource areas of the REST clients the tab uses (their RESOURCE_AREA_ID). */
export const RESOURCE_AREAS = {
  release: "efc2f575-36ef-48e9-b672-0c6fb4a48ac5",
  git: "4e080c62-fa21-4fbc-8fef-2a10a2b38049",
  workItemTracking: "5264459e-e5e0-4bd8-b118-0985e68a4ec5",
};

/**
 * The Azure DevOps light theme as the host hands it (themeData: CSS variables). The palette is the
 * service's own (r, g, b triplets); the semantic variables are derived from it the way the service
 * does.
 */
export const AZURE_DEVOPS_LIGHT_THEME: Record<string, string> = {
  "palette-primary-shade-30": "0, 69, 120",
  "palette-primary-shade-20": "0, 90, 158",
  "palette-primary-shade-10": "16, 110, 190",
  "palette-primary": "0, 120, 212",
  "palette-primary-tint-10": "43, 136, 216",
  "palette-primary-tint-20": "199, 224, 244",
  "palette-primary-tint-30": "222, 236, 249",
  "palette-primary-tint-40": "239, 246, 252",
  "palette-primary-darkened-6": "0, 113, 200",
  "palette-primary-darkened-10": "0, 108, 191",
  "palette-neutral-100": "0, 0, 0",
  "palette-neutral-80": "51, 51, 51",
  "palette-neutral-70": "76, 76, 76",
  "palette-neutral-60": "102, 102, 102",
  "palette-neutral-30": "166, 166, 166",
  "palette-neutral-20": "200, 200, 200",
  "palette-neutral-10": "218, 218, 218",
  "palette-neutral-8": "234, 234, 234",
  "palette-neutral-6": "239, 239, 239",
  "palette-neutral-4": "244, 244, 244",
  "palette-neutral-2": "248, 248, 248",
  "palette-neutral-0": "255, 255, 255",
  "palette-accent1-light": "249, 235, 235",
  "palette-accent1": "218, 10, 0",
  "palette-accent1-dark": "168, 0, 0",
  "palette-accent2-light": "223, 246, 221",
  "palette-accent2": "186, 216, 10",
  "palette-accent2-dark": "16, 124, 16",
  "palette-accent3-light": "255, 244, 206",
  "palette-accent3": "248, 168, 0",
  "palette-accent3-dark": "220, 182, 122",
  "palette-black-alpha-2": "rgba(0, 0, 0, 0.02)",
  "palette-black-alpha-4": "rgba(0, 0, 0, 0.04)",
  "palette-black-alpha-6": "rgba(0, 0, 0, 0.06)",
  "palette-black-alpha-8": "rgba(0, 0, 0, 0.08)",
  "palette-black-alpha-10": "rgba(0, 0, 0, 0.10)",
  "palette-black-alpha-20": "rgba(0, 0, 0, 0.20)",
  "palette-black-alpha-30": "rgba(0, 0, 0, 0.30)",
  "palette-black-alpha-60": "rgba(0, 0, 0, 0.60)",
  "palette-black-alpha-70": "rgba(0, 0, 0, 0.70)",
  "palette-black-alpha-80": "rgba(0, 0, 0, 0.80)",
  "background-color": "rgba(var(--palette-neutral-0), 1)",
  "communication-foreground": "rgba(var(--palette-primary-shade-20), 1)",
  "communication-background": "rgba(var(--palette-primary), 1)",
  "focus-border-color": "rgba(var(--palette-primary), 1)",
  "text-primary-color": "rgba(var(--palette-neutral-100), .9)",
  "text-secondary-color": "rgba(var(--palette-neutral-100), .55)",
  "text-disabled-color": "rgba(var(--palette-neutral-100), .38)",
  "text-on-communication-background": "rgba(var(--palette-neutral-0), 1)",
  "border-subtle-color": "rgba(var(--palette-neutral-100), .08)",
  "callout-background-color": "rgba(var(--palette-neutral-0), 1)",
  "callout-filtered-background-color": "rgba(var(--palette-neutral-0), .86)",
  "callout-shadow-color": "rgba(0, 0, 0, .132)",
  "callout-shadow-secondary-color": "rgba(0, 0, 0, .108)",
  "panel-shadow-color": "rgba(0, 0, 0, .22)",
  "panel-shadow-secondary-color": "rgba(0, 0, 0, .18)",
  "status-info-foreground": "rgba(0, 120, 212, 1)",
  "status-info-background": "rgba(var(--palette-neutral-2), 1)",
  "status-error-foreground": "rgba(205, 74, 69, 1)",
  "status-error-background": "rgba(var(--palette-accent1-light), 1)",
  "status-error-text": "rgba(var(--palette-accent1-dark), 1)",
  "status-error-strong": "rgba(var(--palette-accent1), 1)",
  "status-warning-foreground": "rgba(214, 127, 60, 1)",
  "status-warning-background": "rgba(var(--palette-accent3-light), 1)",
  "status-warning-text": "rgba(140, 75, 0, 1)",
  "status-warning-icon-foreground": "rgba(214, 127, 60, 1)",
  "status-success-foreground": "rgba(var(--palette-accent2-dark), 1)",
  "status-success-background": "rgba(var(--palette-accent2-light), 1)",
  "component-grid-row-hover-color": "rgba(var(--palette-neutral-4), 1)",
  "component-grid-selected-row-color": "rgba(var(--palette-primary-tint-40), 1)",
  "component-grid-focus-border-color": "rgba(var(--palette-primary), 1)",
  "component-grid-cell-bottom-border-color": "rgba(var(--palette-neutral-8), 1)",
  "component-label-default-color": "rgba(var(--palette-neutral-6), 1)",
  "component-label-default-color-hover": "rgba(var(--palette-neutral-10), 1)",
  "splitter-border-color": "rgba(var(--palette-neutral-10), 1)",
  "third-party-icon-filter": "none",
};

export type HostOptions = Partial<Omit<HostConfig, "extensionUrl" | "tab">>;

export interface HostedPage {
  page: Page;
  /** The extension's iframe. */
  frame: Frame;
  /** What the host recorded (handshakes, notifyLoad*, services…). */
  log(): Promise<HostLog>;
  /** The host hands the release to the tab again (a new object, as the release page does). */
  fireReleaseChanged(): Promise<void>;
}

function staticServer(dir: string): http.Server {
  return http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const ext = path.extname(file);
    const type =
      {
        ".js": "text/javascript",
        ".css": "text/css",
        ".html": "text/html",
        ".woff2": "font/woff2",
        ".woff": "font/woff",
      }[ext] ?? "application/octet-stream";
    res.writeHead(200, { "Content-Type": type }).end(fs.readFileSync(file));
  });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const HOST_HTML = `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>Release-42 - Azure DevOps (fake host)</title>
    <style>
      html, body { margin: 0; height: 100%; font-family: "Segoe UI", sans-serif; background: rgb(248, 248, 248); }
      #content { position: absolute; top: 0; left: 0; right: 0; bottom: 0; }
      #extension-frame { border: 0; width: 100%; height: 100%; display: block; }
    </style>
  </head>
  <body>
    <div id="content"></div>
    <script src="hostPage.js"></script>
  </body>
</html>
`;

export class FakeDevOps {
  readonly rest = new FakeDevOpsRest();
  private servers: http.Server[] = [];
  private hostBase = "";
  private extensionBase = "";
  private hostDir = "";

  /** `hubDir`: the built pages to serve (build/hub). */
  async start(hubDir = path.join(repoRoot, "build", "hub")): Promise<this> {
    if (!fs.existsSync(path.join(hubDir, "tab.html"))) throw new Error(`${hubDir} has no tab.html: run npm run build`);
    this.hostDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fake-host-"));
    await esbuild.build({
      entryPoints: [path.join(repoRoot, "test", "hub", "host", "hostPage.ts")],
      outfile: path.join(this.hostDir, "hostPage.js"),
      bundle: true,
      platform: "browser",
      format: "iife",
      target: "es2020",
      logLevel: "error",
    });
    fs.writeFileSync(path.join(this.hostDir, "host.html"), HOST_HTML);
    const host = staticServer(this.hostDir);
    const extension = staticServer(hubDir);
    this.servers.push(host, extension);
    this.hostBase = await listen(host);
    this.extensionBase = await listen(extension);
    await this.rest.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.rest.stop();
    await Promise.all(
      this.servers.map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))),
    );
    if (this.hostDir) fs.rmSync(this.hostDir, { recursive: true, force: true });
  }

  config(kind: "tab" | "hub", options: HostOptions = {}): HostConfig {
    return {
      extensionUrl: `${this.extensionBase}/${kind}.html`,
      contributionId: `landing-zone.lz-routine-release-kit.release-variables-${kind}`,
      culture: "en-US",
      webContext: "withProject",
      serviceProject: PROJECTS.lz,
      tab: kind === "tab",
      releaseId: 42,
      releaseFeedUrl: `${this.rest.vsrmBase}/__host/release/42`,
      token: this.rest.state.token,
      collectionUrl: this.rest.collectionUrl,
      resourceAreas: {
        [RESOURCE_AREAS.release]: this.rest.releaseAreaUrl,
        [RESOURCE_AREAS.git]: this.rest.collectionUrl,
        [RESOURCE_AREAS.workItemTracking]: this.rest.collectionUrl,
      },
      themeData: AZURE_DEVOPS_LIGHT_THEME,
      lzProject: PROJECTS.lz,
      ...options,
    };
  }

  /** Opens the host page with the tab or hub in its iframe; resolves once the iframe's page loaded. */
  async open(
    browser: Browser,
    kind: "tab" | "hub",
    options: HostOptions = {},
    {
      viewport = { width: 1100, height: 1400 },
      prepare,
    }: { viewport?: { width: number; height: number }; prepare?: (page: Page) => Promise<void> } = {},
  ): Promise<HostedPage> {
    const config = this.config(kind, options);
    // The browser's own language is English: the page's must come from the host's culture.
    const page = await browser.newPage({ viewport, locale: "en-US" });
    page.on("pageerror", (err) => console.error(`page error: ${err.message}`));
    await prepare?.(page);
    await page.goto(`${this.hostBase}/host.html#${encodeURIComponent(JSON.stringify(config))}`);
    const handle = await page.waitForSelector("#extension-frame");
    let frame: Frame | null = null;
    for (let i = 0; i < 100 && !(frame = await handle.contentFrame())?.url().startsWith(this.extensionBase); i++)
      await page.waitForTimeout(50);
    if (!frame) throw new Error("the extension's iframe did not load");
    await frame.waitForLoadState("load");
    return {
      page,
      frame,
      log: () => page.evaluate(() => (window as unknown as { hostLog: HostLog }).hostLog),
      fireReleaseChanged: () =>
        page.evaluate(() =>
          (window as unknown as { fakeHost: { fireReleaseChanged(): Promise<void> } }).fakeHost.fireReleaseChanged(),
        ),
    };
  }

  /** The organization's name in the fake's URLs. */
  readonly org = ORG;
}
