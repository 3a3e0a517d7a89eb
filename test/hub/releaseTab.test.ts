/**
 * The release tab's form in a real browser: Chromium (Debian's, else the one inside @sparticuz/chromium) driven by playwright-core, the built
 * page with an in-memory Azure DevOps. Types an HU id, checks the drafted values, fixes one, saves,
 * and checks the update the gateway received; also the conflict path and a validation error.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import * as esbuild from "esbuild";
import Ajv from "ajv-draft-04";
import { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/scripts";
import { repoRoot } from "../helpers/taskRun";

function seed() {
  return {
    releases: {
      42: {
        id: 42,
        name: "Release-42",
        modifiedOn: "2026-11-23T10:00:00.000Z",
        description: "",
        variables: {
          codigoPMO: { value: "" },
          "Nombre Celula": { value: "" },
          nombreContacto: { value: "Ana Gomez", allowOverride: true },
          numeroContacto: { value: "" },
          repositoryName: { value: "" },
          packageName: { value: "" },
          zona: { value: "" },
          periodicidad: { value: "Diaria" },
          claveImpala: { isSecret: true },
          otraVariable: { value: "no tocar" },
        },
        environments: [{ name: "Dev Validation", variables: { zona: { value: "zona_etapa" } } }],
      },
    },
    workItems: {
      3224139: {
        id: 3224139,
        title: "(Daniel Andres Varon Quesada) Circular 32 - Ingestion Fuente conocida SULEAS",
        descriptionHtml:
          "<div><b>Necesidad:</b> calcular el calendario<script>alert('x')</script></div><div>Solución: rutina nueva</div><div>Beneficio: reportes a tiempo</div><div>Impacto: ninguno</div>",
        areaPath: "Vicepresidencia\\DAIA15 - DRACARYS",
        parentId: 100,
        pullRequestLinks: ["vstfs:///Git/PullRequestId/proj%2Frepo1%2F77"],
      },
      100: { id: 100, title: "EVC00037 - Analítica avanzada", pullRequestLinks: [] },
    },
    pullRequests: {
      77: { id: 77, repositoryId: "repo1", repositoryName: "bana-vrie-calendarizacion-fco2", sourceCommit: "abc123" },
    },
    files: {
      "repo1@abc123:/src/alm_bana_fco2/__init__.py": "",
      "repo1@abc123:/src/alm_bana_fco2/static/config/config.json":
        '{"dsn": "impala-virtual-prd", "zona": "proceso_bana_vp_riesgos"}',
    },
    calls: [] as string[],
    updates: [] as Array<Record<string, any>>,
  };
}

describe("the release tab in a real browser", function () {
  this.timeout(120000);
  let server: http.Server;
  let base: string;
  let browser: Browser;

  before(async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-tab-"));
    await esbuild.build({
      entryPoints: { page: path.join(repoRoot, "test", "hub", "page", "testPage.tsx") },
      outdir: dir,
      bundle: true,
      platform: "browser",
      format: "iife",
      loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".eot": "file", ".svg": "file", ".png": "file" },
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "error",
    });
    fs.writeFileSync(
      path.join(dir, "index.html"),
      '<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="page.css"></head><body><div id="root"></div><script>window.lzState = JSON.parse(decodeURIComponent(location.hash.slice(1)));</script><script src="page.js"></script></body></html>',
    );
    server = http.createServer((req, res) => {
      const file = path.join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
      if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      const type = file.endsWith(".js")
        ? "text/javascript"
        : file.endsWith(".css")
          ? "text/css"
          : file.endsWith(".html")
            ? "text/html"
            : "application/octet-stream";
      res.writeHead(200, { "Content-Type": type }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(lang = "en"): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1500 } });
    // A failure in the page shows up in the test's output, not as a bare timeout.
    page.on("pageerror", (err) => console.error(`page error: ${err.message}`));
    await page.goto(`${base}/index.html?lang=${lang}#${encodeURIComponent(JSON.stringify(seed()))}`);
    await page.fill(
      "[id$='lz-release']",
      "https://dev.azure.com/banco/proyecto/_releaseProgress?_a=release-pipeline-progress&releaseId=42",
    );
    await page.click("[id$='lz-open']");
    await page.waitForSelector("[id$='lz-hu']");
    return page;
  }
  const value = (page: Page, id: string) => page.inputValue(`[id$='${id}']`);
  const state = (page: Page) => page.evaluate(() => (window as any).lzState);

  it("loads the HU, fixes a value, shows the diff and saves only the form's variables", async () => {
    const page = await open();
    await page.fill("[id$='lz-hu']", "3224139");
    const before = (await state(page)).calls.length;
    await page.click("[id$='lz-load']");
    await page.waitForFunction(
      () => (document.querySelector("[id$='lz-var-codigoPMO']") as HTMLInputElement)?.value === "EVC00037",
    );
    const calls = (await state(page)).calls.slice(before);
    assert.ok(calls.length <= 6, `Load from HU made ${calls.length} REST calls: ${calls.join(", ")}`);
    assert.equal(await value(page, "lz-var-Nombre_Celula"), "DAIA15 - DRACARYS");
    assert.equal(await value(page, "lz-var-repositoryName"), "bana-vrie-calendarizacion-fco2");
    assert.equal(await value(page, "lz-var-packageName"), "alm_bana_fco2");
    assert.equal(await value(page, "lz-var-zona"), "proceso_bana_vp_riesgos");
    const description = await value(page, "lz-description");
    assert.match(description, /^TITULO: \(Daniel Andres Varon Quesada\) Circular 32/);
    assert.match(description, /NECESIDAD: HU3224139: calcular el calendario/);
    assert.ok(!description.includes("<script>"), "HU HTML is text, never markup");
    assert.match((await page.textContent("body")) ?? "", /From title of HU 3224139's parent/);
    assert.match((await page.textContent("body")) ?? "", /Stage 'Dev Validation' defines its own zona/);

    await page.fill("[id$='lz-var-numeroContacto']", "300 123 4567");
    await page.click("[id$='lz-review']");
    await page.waitForSelector("table.lz-diff");
    // build/ on every run; images/ (the README's and marketplace page's picture) only when asked,
    // so a test run leaves the working tree clean: LZ_UPDATE_SCREENSHOTS=1 npm test.
    fs.mkdirSync(path.join(repoRoot, "build", "screenshots"), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, "build", "screenshots", "release-tab.png"), fullPage: true });
    if (process.env.LZ_UPDATE_SCREENSHOTS)
      fs.copyFileSync(
        path.join(repoRoot, "build", "screenshots", "release-tab.png"),
        path.join(repoRoot, "images", "release-tab.png"),
      );
    assert.ok(fs.statSync(path.join(repoRoot, "build", "screenshots", "release-tab.png")).size > 10000);
    await page.click("[id$='lz-save']");
    await page.waitForFunction(() => (window as any).lzState.updates.length === 1);
    const body = (await state(page)).updates[0];
    assert.equal(body.variables.codigoPMO.value, "EVC00037");
    assert.equal(body.variables.numeroContacto.value, "300 123 4567");
    assert.deepEqual(body.variables.claveImpala, { isSecret: true }, "a secret is never written");
    assert.deepEqual(body.variables.otraVariable, { value: "no tocar" });
    assert.equal(body.variables.nombreContacto.allowOverride, true);
    assert.deepEqual(body.environments, seed().releases[42].environments);
    assert.match(body.description, /IMPACTO: ninguno$/);
    // The exact body against the published Release schema.
    const spec = JSON.parse(
      fs.readFileSync(path.join(repoRoot, "test", "schemas", "release-7.1.json"), "utf8").replace(/^\uFEFF/, ""),
    );
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    ajv.addSchema({ id: "release.json", definitions: spec.definitions });
    const validate = ajv.compile({ $ref: "release.json#/definitions/Release" });
    assert.ok(validate(body), JSON.stringify(validate.errors));
    await page.waitForSelector("text=Saved: 7 change(s)");
    await page.close();
  });

  it("never overwrites a release changed meanwhile: says so and offers to reload", async () => {
    const page = await open();
    await page.fill("[id$='lz-hu']", "3224139");
    await page.click("[id$='lz-load']");
    await page.waitForFunction(
      () => (document.querySelector("[id$='lz-var-codigoPMO']") as HTMLInputElement)?.value === "EVC00037",
    );
    await page.fill("[id$='lz-var-numeroContacto']", "3001234567");
    await page.evaluate(() => {
      (window as any).lzState.releases[42].modifiedOn = "2026-11-23T12:00:00.000Z";
      (window as any).lzState.releases[42].variables.zona.value = "cambiada_por_otro";
    });
    await page.fill("[id$='lz-var-zona']", "proceso_x");
    await page.click("[id$='lz-review']");
    await page.waitForSelector("text=The release changed since it was loaded");
    assert.equal(await page.$("[id$='lz-save']"), null);
    await page.click("[id$='lz-reload']");
    await page.waitForFunction(
      () => (document.querySelector("[id$='lz-var-zona']") as HTMLInputElement).value === "cambiada_por_otro",
    );
    assert.equal((await state(page)).updates.length, 0);
    await page.close();
  });

  it("shows validation errors inline and refuses to review, in Spanish too", async () => {
    const page = await open("es");
    await page.fill("[id$='lz-var-codigoPMO']", "evc37");
    await page.waitForSelector("text=3 letras mayúsculas y 5 dígitos");
    await page.click("[id$='lz-review']");
    await page.waitForSelector("text=Corrija primero los valores marcados");
    assert.equal(
      (await state(page)).calls.filter((c: string) => c.startsWith("getRelease")).length,
      1,
      "no fresh read, no save",
    );
    await page.close();
  });
});
