/**
 * The release tab and the Pipelines hub as they run (issue #13): the BUILT pages in an iframe of a
 * fake Azure DevOps host page that answers the SDK's real XDM protocol (with the SDK's own XDM
 * module), the real restGateway and azure-devops-extension-api clients, and a fake of the REST
 * services that answers like Azure DevOps (dates as the client's Accept asks, real status codes
 * and error bodies). Every assertion is on what the user sees or on the requests the services got.
 * Each numbered defect of the issue has a test here that fails on the code before the fix.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Browser, Frame } from "playwright-core";
import { COMMIT, PROJECTS, RecordedRequest, REPO } from "../helpers/fakeDevOpsRest";
import { FakeDevOps, HostedPage, HostOptions } from "../helpers/fakeHost";
import { launchChromium } from "../helpers/scripts";
import { repoRoot } from "../helpers/taskRun";

const HU = 3224139;
const RELEASE_URL =
  "https://dev.azure.com/banco/LZ%20Rutinas/_releaseProgress?_a=release-pipeline-progress&releaseId=42";
/** The variables Load from HU and the user's edit change in the seeded release. */
const CHOSEN: Record<string, string> = {
  codigoPMO: "EVC00037",
  "Nombre Celula": "DAIA15 - DRACARYS",
  numeroContacto: "300 123 4567",
  repositoryName: "bana-vrie-calendarizacion-fco2",
  packageName: "alm_bana_fco2",
  zona: "proceso_bana_vp_riesgos",
};

const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** A request or response body with every date (MS or ISO) read as its instant, for comparing. */
function withInstants(text: string): any {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== "string") return v;
    const ms = MS_DATE.exec(v);
    if (ms) return { instant: Number(ms[1]) };
    return ISO_DATE.test(v) ? { instant: Date.parse(v) } : v;
  });
}

const inputId = (variable: string) => `[id$='lz-var-${variable.replace(/\s+/g, "_")}']`;
/** The radio button of a release kind (its label's id ends the same way). */
const kindButton = (kind: string) => `[role='radio'][id$='lz-kind-${kind}']`;
const valueOf = (frame: Frame, variable: string) => frame.inputValue(inputId(variable));
const text = async (frame: Frame) => (await frame.textContent("body")) ?? "";
const idle = (frame: Frame) => frame.waitForSelector(".lz-busy", { state: "detached" });

describe("the release tab and hub inside a fake Azure DevOps host (built pages, SDK protocol, REST clients)", function () {
  this.timeout(120000);
  let fake: FakeDevOps;
  let browser: Browser;
  const open: HostedPage[] = [];

  before(async () => {
    fake = await new FakeDevOps().start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fake?.stop();
  });
  beforeEach(() => fake.rest.reset());
  afterEach(async () => {
    for (const hosted of open.splice(0)) await hosted.page.close();
  });

  /** The host page with the tab or hub; for the hub, release 42 opened as a user pastes its URL. */
  async function start(kind: "tab" | "hub", options: HostOptions = {}): Promise<HostedPage> {
    const hosted = await fake.open(browser, kind, options);
    open.push(hosted);
    if (kind === "hub") {
      await hosted.frame.fill("[id$='lz-release']", RELEASE_URL);
      await hosted.frame.click("[id$='lz-open']");
    }
    await hosted.frame.waitForSelector("[id$='lz-hu']");
    return hosted;
  }

  async function loadFromHu(frame: Frame, id = HU): Promise<RecordedRequest[]> {
    const before = fake.rest.calls().length;
    await frame.fill("[id$='lz-hu']", String(id));
    await frame.click("[id$='lz-load']");
    await frame.waitForSelector(".lz-message");
    await idle(frame);
    return fake.rest.calls().slice(before);
  }

  async function reviewChanges(frame: Frame): Promise<void> {
    await frame.click("[id$='lz-review']");
    await frame.waitForSelector("table.lz-diff, .lz-message");
    await idle(frame);
  }

  for (const kind of ["tab", "hub"] as const) {
    describe(`the ${kind}`, () => {
      it("Load from HU → edit → Review → Save: 5 calls (parent and PR in parallel, in their own projects), then 3; the PUT differs from the GET only in the chosen values and the description (#1, #4, #7)", async () => {
        const { frame } = await start(kind);
        const load = await loadFromHu(frame);
        for (const [variable, value] of Object.entries(CHOSEN))
          if (variable !== "numeroContacto") assert.equal(await valueOf(frame, variable), value, variable);
        assert.equal(load.length, 5, load.map((r) => `${r.method} ${r.path}`).join("\n"));
        const [hu, first, second, listing, file] = load;
        // Parent and pull request are read in parallel: they reach the fake in either order.
        const [parent, pr] = first.path.includes("/_apis/wit/") ? [first, second] : [second, first];
        // Work items by id alone: the parent lives in another project (the PMO's) than the release.
        assert.equal(hu.path, `/banco/_apis/wit/workItems/${HU}`);
        assert.equal(hu.query.$expand, "1", "relations expanded");
        assert.equal(parent.path, "/banco/_apis/wit/workItems/100");
        // The PR in the project and repository its artifact link names.
        assert.equal(pr.path, `/banco/${PROJECTS.celulas.id}/_apis/git/pullRequests/77`);
        assert.ok(parent.start < pr.end && pr.start < parent.end, "parent and pull request are read in parallel");
        assert.equal(listing.path, `/banco/${PROJECTS.celulas.id}/_apis/git/repositories/${REPO.id}/Items`);
        assert.deepEqual(
          [
            listing.query.scopePath,
            listing.query.recursionLevel,
            listing.query["versionDescriptor.version"],
            listing.query["versionDescriptor.versionType"],
          ],
          ["/src", "1", COMMIT, "2"],
        );
        assert.equal(file.query.path, "/src/alm_bana_fco2/static/config/config.json");
        assert.match(file.accept, /^text\/plain;/);
        for (const r of load) {
          assert.equal(r.status, 200, `${r.path}: ${r.responseBody}`);
          assert.equal(r.authorization, `Bearer ${fake.rest.state.token}`);
        }

        await frame.fill(inputId("numeroContacto"), CHOSEN.numeroContacto);
        const before = fake.rest.calls().length;
        await reviewChanges(frame);
        assert.doesNotMatch(await text(frame), /changed since it was loaded/);
        await frame.click("[id$='lz-save']");
        await frame.waitForSelector("text=Saved: 7 change(s) written to the release.");
        const saveCalls = fake.rest.calls().slice(before);
        assert.deepEqual(
          saveCalls.map((r) => `${r.server} ${r.method} ${r.path}`),
          [
            "vsrm GET /banco/LZ Rutinas/_apis/Release/releases/42",
            "vsrm GET /banco/LZ Rutinas/_apis/Release/releases/42",
            "vsrm PUT /banco/LZ Rutinas/_apis/Release/releases/42",
          ],
          "Review + Save: one read, the read right before the write, the write",
        );
        assert.match(saveCalls[1].accept, /msDateFormat=true/, "the GET answered with \\/Date(n)\\/ dates");
        assert.match(saveCalls[1].responseBody, /"modifiedOn":"\\\/Date\(\d+\)\\\/"/);

        const got = withInstants(saveCalls[1].responseBody);
        const put = withInstants(saveCalls[2].requestBody);
        assert.deepEqual(Object.keys(put).sort(), Object.keys(got).sort());
        for (const key of Object.keys(got))
          if (key !== "variables" && key !== "description") assert.deepEqual(put[key], got[key], key);
        assert.deepEqual(put.modifiedOn, got.modifiedOn, "modifiedOn sent back as the same instant");
        assert.deepEqual(Object.keys(put.variables).sort(), Object.keys(got.variables).sort());
        for (const [name, variable] of Object.entries<any>(got.variables)) {
          if (name in CHOSEN) assert.deepEqual(put.variables[name], { ...variable, value: CHOSEN[name] }, name);
          else assert.deepEqual(put.variables[name], variable, `${name} unchanged`);
        }
        assert.deepEqual(put.variables.claveImpala, { value: null, isSecret: true }, "no secret value is sent");
        assert.equal(put.variables.nombreContacto.allowOverride, true);
        assert.match(put.description, /^TITULO: \(Daniel Andres Varon Quesada\) Circular 32/);
        assert.match(put.description, /NECESIDAD: HU3224139: calcular el calendario/);
        assert.doesNotMatch(put.description, /<script>/, "HU HTML is text, never markup");

        // The second Review finds the release as saved: no conflict, nothing left to save (#1).
        const again = fake.rest.calls().length;
        await reviewChanges(frame);
        assert.match(await text(frame), /Nothing to save: the release already has these values/);
        assert.doesNotMatch(await text(frame), /changed since it was loaded/);
        assert.equal(fake.rest.calls().length - again, 1);
      });

      it("prepares an API release: the note's description, apiName required in PascalCase, both saved with the release (#16)", async () => {
        const { frame } = await start(kind);
        await frame.click(kindButton("api"));
        await frame.waitForSelector(inputId("apiName"));
        await loadFromHu(frame);
        const title = "(Daniel Andres Varon Quesada) Circular 32 - Ingestion Fuente conocida SULEAS";
        assert.match(
          await frame.inputValue("[id$='lz-description']"),
          /^TITULO: \(Daniel Andres Varon Quesada\) Circular 32/,
        );
        assert.match(await text(frame), /Required: the API's name, as its folder/);
        await frame.fill(inputId("apiName"), "alter-ctra-score-delta");
        assert.match(await text(frame), /PascalCase like the API's folder/);
        await frame.fill(inputId("apiName"), "AlterCtraScoreDelta");
        // The description was left as drafted: it follows the API's name.
        const description = await frame.inputValue("[id$='lz-description']");
        assert.match(description, new RegExp(`^TITULO: ${title.replace(/[()]/g, "\\$&")}`));
        assert.equal(
          description.split("\n").slice(1).join("\n"),
          [
            `NECESIDAD: Implementación HU${HU} para el despliegue del API AlterCtraScoreDelta en ambientes productivos.`,
            "SOLUCION: Desplegar API AlterCtraScoreDelta en ambientes productivos",
            "BENEFICIO: Generar acceso al API AlterCtraScoreDelta para que puedan consumir equipos del banco.",
            "IMPACTO: Verificado en las pruebas de performance asociadas en el presente release.",
          ].join("\n"),
        );
        await frame.fill(inputId("numeroContacto"), CHOSEN.numeroContacto);
        await reviewChanges(frame);
        const rows = await frame.$$eval("table.lz-diff tbody th", (cells) => cells.map((c) => c.textContent));
        assert.ok(rows.includes("apiName") && rows.includes("lzReleaseKind"), rows.join(", "));
        const before = fake.rest.calls().length;
        await frame.click("[id$='lz-save']");
        await frame.waitForSelector("text=Saved:");
        const put = withInstants(
          fake.rest
            .calls()
            .slice(before)
            .find((r) => r.method === "PUT")!.requestBody,
        );
        assert.deepEqual(put.variables.apiName, { value: "AlterCtraScoreDelta" });
        assert.deepEqual(put.variables.lzReleaseKind, { value: "api" });
        assert.equal(put.description, description);
        // Back to a routine: the routine's own draft, and no API variable left in the form.
        await frame.click(kindButton("routine"));
        assert.equal(await frame.$(inputId("apiName")), null);
      });

      it("drafts the coordinators' description, and keeps a description the user wrote when the kind changes (#16)", async () => {
        const { frame } = await start(kind);
        await loadFromHu(frame);
        assert.match(await frame.inputValue("[id$='lz-description']"), /NECESIDAD: HU3224139: calcular el calendario/);
        await frame.click(kindButton("coordinator"));
        await frame.fill(inputId("apiName"), "AlterCtraScoreDelta");
        assert.match(
          await frame.inputValue("[id$='lz-description']"),
          /NECESIDAD: Implementación HU3224139 para la puesta en producción de los coordinadores del API AlterCtraScoreDelta\./,
        );
        await frame.fill(
          "[id$='lz-description']",
          "TITULO: t\nNECESIDAD: HU1: n\nSOLUCION: s\nBENEFICIO: b\nIMPACTO: i",
        );
        await frame.click(kindButton("api"));
        assert.equal(
          await frame.inputValue("[id$='lz-description']"),
          "TITULO: t\nNECESIDAD: HU1: n\nSOLUCION: s\nBENEFICIO: b\nIMPACTO: i",
        );
      });

      it("compares modifiedOn as instants: a Review right after opening, and after a Save, finds no conflict (#1)", async () => {
        const { frame } = await start(kind);
        for (const [variable, value] of Object.entries(CHOSEN)) await frame.fill(inputId(variable), value);
        await frame.fill(
          "[id$='lz-description']",
          "TITULO: t\nNECESIDAD: HU1: n\nSOLUCION: s\nBENEFICIO: b\nIMPACTO: i",
        );
        await reviewChanges(frame);
        assert.doesNotMatch(await text(frame), /changed since it was loaded/);
        await frame.click("[id$='lz-save']");
        await frame.waitForSelector("text=Saved: 7 change(s) written to the release.");
        await frame.fill(inputId("zona"), "otra_zona");
        await reviewChanges(frame);
        assert.doesNotMatch(await text(frame), /changed since it was loaded/);
        assert.deepEqual(await frame.$$eval("table.lz-diff tbody tr", (rows) => rows.map((r) => r.textContent)), [
          "zona" + CHOSEN.zona + "otra_zona",
        ]);
      });

      it("keeps the user's edits when the page hands the same release again, and says so when a newer revision comes (#2)", async () => {
        const hosted = await start(kind);
        const { frame } = hosted;
        await loadFromHu(frame);
        await frame.fill(inputId("numeroContacto"), CHOSEN.numeroContacto);
        const deliverAgain = async () => {
          if (kind === "tab") await hosted.fireReleaseChanged();
          else {
            await frame.click("[id$='lz-open']");
            await idle(frame);
          }
        };
        await deliverAgain();
        await frame.waitForTimeout(200);
        assert.equal(await valueOf(frame, "numeroContacto"), CHOSEN.numeroContacto, "the edit survived");
        assert.equal(await valueOf(frame, "codigoPMO"), "EVC00037", "the HU's draft survived");
        assert.doesNotMatch(await text(frame), /changed the release/);

        // Someone else saves: zona (which the user drafted too) and nombreContacto (which the user left).
        fake.rest.saveBySomeoneElse(42, "zona", "cambiada_por_otro");
        fake.rest.saveBySomeoneElse(42, "nombreContacto", "Pedro Perez");
        await deliverAgain();
        await frame.waitForSelector("text=Someone changed the release since it was loaded");
        assert.equal(await valueOf(frame, "numeroContacto"), CHOSEN.numeroContacto);
        assert.equal(await valueOf(frame, "zona"), CHOSEN.zona);
        await frame.click("[id$='lz-reload']");
        await frame.waitForSelector("text=your edits are kept");
        assert.match(await text(frame), /zona was also changed there, to “cambiada_por_otro”: your value is kept/);
        assert.equal(await valueOf(frame, "nombreContacto"), "Pedro Perez", "untouched values take the new revision");
        assert.equal(await valueOf(frame, "zona"), CHOSEN.zona);
        await reviewChanges(frame);
        assert.match(
          (await frame.textContent("table.lz-diff")) ?? "",
          /cambiada_por_otro/,
          "the review shows what is overwritten",
        );
        await frame.click("[id$='lz-save']");
        await frame.waitForSelector("text=Saved:");
        const put = JSON.parse(fake.rest.calls().filter((r) => r.method === "PUT")[0].requestBody);
        assert.equal(put.variables.nombreContacto.value, "Pedro Perez", "someone else's value is not overwritten");
        assert.equal(put.variables.zona.value, CHOSEN.zona);
      });

      it("takes the project from the project page service when the page context has no webContext; with no project at all, says so and calls notifyLoadFailed (#3)", async () => {
        const { frame, log } = await start(kind, { webContext: "none" });
        await loadFromHu(frame);
        assert.equal(await valueOf(frame, "codigoPMO"), "EVC00037");
        assert.equal((await log()).loadSucceeded, 1);
        assert.ok((await log()).services.includes("ms.vss-tfs-web.tfs-page-data-service"));

        for (const options of [
          { webContext: "none", serviceProject: null },
          { webContext: "withoutProject", serviceProject: null },
          { webContext: "withProject", serviceProject: "fail" },
        ] as HostOptions[]) {
          const hosted = await fake.open(browser, kind, options);
          open.push(hosted);
          await hosted.frame.waitForSelector(".lz-message");
          const shown = await text(hosted.frame);
          const hostLog = await hosted.log();
          assert.match(shown, /could not start/, JSON.stringify(options));
          assert.equal(hostLog.loadSucceeded, 0);
          assert.equal(hostLog.loadFailed.length, 1);
          assert.match(hostLog.loadFailed[0], /could not start/);
          if (options.serviceProject === null) assert.match(shown, /gave no project/);
          else assert.match(shown, /page data service is not available/);
        }
      });

      it("says which call failed and why: a 403 on the PR names the permission, a 500 on the parent is a server error, not 'no parent' (#5)", async () => {
        const { frame } = await start(kind);
        fake.rest.state.failures.push(
          { match: /^GET .*\/pullRequests\/77$/, status: 403 },
          { match: /^GET .*\/workItems\/100$/, status: 500 },
        );
        await loadFromHu(frame);
        const shown = await text(frame);
        assert.match(shown, /Loaded from HU 3224139, but 2 value\(s\) could not be read/);
        assert.match(
          shown,
          /Reading pull request 77 \(project 3b1c8a1e-5f0d-4c43-9c1e-7b2a0f6d9e11\): permission denied \(403\)\. You need “Read” on the repository \(Repos › Security\) \(scope vso\.code\)/,
        );
        assert.match(shown, /TF401027: You need the Git 'GenericRead' permission/);
        assert.match(shown, /Reading the HU's parent, work item 100: Azure DevOps failed \(500\): nothing was changed/);
        assert.doesNotMatch(shown, /has no parent|no pull request is linked|no static\/config\/config\.json/);
        assert.equal(await valueOf(frame, "repositoryName"), "");
        assert.equal(await valueOf(frame, "Nombre Celula"), "DAIA15 - DRACARYS", "what could be read is filled");

        fake.rest.state.failures.push({ match: /^GET .*\/workItems\/3224140$/, status: 401 });
        await loadFromHu(frame, 3224140);
        assert.match(
          await text(frame),
          /Could not load HU 3224140: Reading HU 3224140: Azure DevOps did not accept the sign-in \(401\)/,
        );
      });

      it("never leaves a dead button: a spinner while a call is in flight, a message when it fails (#6)", async () => {
        const { frame } = await start(kind);
        await loadFromHu(frame);
        await frame.fill(inputId("numeroContacto"), CHOSEN.numeroContacto);
        fake.rest.state.delayMs = 600;
        fake.rest.state.failures.push({ match: /^GET .*\/releases\/42$/, status: 503, times: 1 });
        await frame.click("[id$='lz-review']");
        await frame.waitForSelector(".lz-busy >> text=Reading the release…");
        assert.ok(await frame.isDisabled("[id$='lz-review']"), "no second click while in flight");
        await idle(frame);
        fake.rest.state.delayMs = 40;
        assert.match(
          await text(frame),
          /Could not review the changes: Reading release 42 \(project LZ Rutinas\): Azure DevOps failed \(503\)/,
        );
        assert.ok(await frame.isEnabled("[id$='lz-review']"));

        await reviewChanges(frame);
        fake.rest.state.failures.push({ match: /^PUT /, status: 500, times: 1 });
        await frame.click("[id$='lz-save']");
        await frame.waitForSelector("text=Could not save the release");
        assert.match(await text(frame), /failed \(500\) while saving: the save may or may not have been applied/);
        if (kind === "hub") {
          await frame.fill("[id$='lz-release']", "43");
          await frame.click("[id$='lz-open']");
          await frame.waitForSelector("text=Could not open release 43");
          assert.match(await text(frame), /Reading release 43 \(project LZ Rutinas\): not found \(404\)/);
        }
      });

      it("re-reads the release right before the PUT: a save by someone else after the review is caught, nothing written (#7)", async () => {
        const { frame } = await start(kind);
        await loadFromHu(frame);
        await frame.fill(inputId("numeroContacto"), CHOSEN.numeroContacto);
        await reviewChanges(frame);
        await frame.waitForSelector("[id$='lz-save']");
        fake.rest.saveBySomeoneElse(42, "otraVariable", "cambio ajeno");
        const before = fake.rest.calls().length;
        await frame.click("[id$='lz-save']");
        await frame.waitForSelector("text=The release changed since it was loaded");
        assert.deepEqual(
          fake.rest
            .calls()
            .slice(before)
            .map((r) => r.method),
          ["GET"],
          "read again, nothing written",
        );
        assert.match(await text(frame), /\(2026-11-23 10:00:00\.123 UTC → 20\d\d-/);
        assert.ok(await frame.$("[id$='lz-reload']"), "offers to take the new revision");
      });

      it("speaks the language of the host's culture, not the browser's (#8)", async () => {
        const hosted = await fake.open(browser, kind, { culture: "es-CO" });
        open.push(hosted);
        if (kind === "hub") {
          await hosted.frame.waitForSelector("text=Variables del release (LZ)");
          await hosted.frame.fill("[id$='lz-release']", "42");
          await hosted.frame.click("[id$='lz-open']");
        }
        await hosted.frame.waitForSelector("[id$='lz-hu']");
        assert.match(await text(hosted.frame), /Cargar desde la HU/);
        assert.equal(await hosted.page.evaluate(() => navigator.language), "en-US");
      });

      it("shows the diff with its headers over their columns, '(empty)' for an empty value, and a stable width (#9)", async () => {
        const { frame } = await start(kind);
        await loadFromHu(frame);
        const cards = ".lz-form > .bolt-card:not(.lz-message)";
        const widthBefore = (await frame.$$eval(cards, (els) => els.map((e) => e.getBoundingClientRect().width)))[1];
        await frame.fill(inputId("numeroContacto"), CHOSEN.numeroContacto);
        // One long unbroken word (a pasted URL) must not widen the page.
        const description = await frame.inputValue("[id$='lz-description']");
        await frame.fill(
          "[id$='lz-description']",
          description.replace("IMPACTO: ninguno", `IMPACTO: ninguno ${"https://dev.azure.com/banco/".repeat(12)}`),
        );
        await reviewChanges(frame);
        const widths = await frame.$$eval(cards, (els) => els.map((e) => e.getBoundingClientRect().width));
        assert.equal(widths.length, 3, "HU card, form card, diff card");
        for (const w of widths) assert.ok(Math.abs(w - widthBefore) < 1, `card widths ${widths} vs ${widthBefore}`);
        const columns = await frame.$$eval("table.lz-diff tr", (rows) =>
          rows.map((row) =>
            Array.from(row.children).map((cell) => {
              const box = cell.getBoundingClientRect();
              const range = document.createRange();
              range.selectNodeContents(cell);
              return { left: box.left, right: box.right, textLeft: range.getBoundingClientRect().left };
            }),
          ),
        );
        const [header, ...body] = columns;
        assert.equal(header.length, 3);
        for (const row of body)
          row.forEach((cell, i) => {
            assert.ok(Math.abs(cell.left - header[i].left) < 1 && Math.abs(cell.right - header[i].right) < 1);
            assert.ok(
              Math.abs(cell.textLeft - header[i].textLeft) < 2,
              `column ${i}: text starts where its header does`,
            );
          });
        const cells = await frame.$$eval("table.lz-diff tbody tr", (rows) =>
          rows.map((row) => Array.from(row.children).map((c) => c.textContent)),
        );
        assert.deepEqual(
          cells.find((c) => c[0] === "codigoPMO"),
          ["codigoPMO", "(empty)", "EVC00037"],
        );
        const table = await frame.$eval("table.lz-diff", (t) => [t.scrollWidth, t.clientWidth]);
        assert.ok(table[0] <= table[1] + 1, `the table does not overflow its card: ${table}`);
      });
    });
  }

  it("the tab says so when the page hands it something that is not a release", async () => {
    const hosted = await fake.open(browser, "tab", { releaseFeedUrl: `${fake.rest.vsrmBase}/__host/release/999` });
    open.push(hosted);
    await hosted.frame.waitForSelector(".lz-message");
    assert.match(await text(hosted.frame), /The page handed the tab something that is not a release \(Not a release: /);
  });

  it("pictures the tab inside the host with the Azure DevOps theme, after a Review with a real diff (images/release-tab.png)", async () => {
    // A release created from the previous version's: values to change, not only empty ones.
    const variables = (fake.rest.state.releases[42].body as any).variables;
    Object.assign(variables, {
      codigoPMO: { value: "EVC00012" },
      repositoryName: { value: "bana-vrie-calendarizacion-fco1" },
      packageName: { value: "alm_bana_fco1" },
      numeroContacto: { value: "3001112233" },
    });
    fake.rest.state.workItems[HU].fields["System.Description"] =
      "<div><b>Necesidad:</b> calcular el calendario de la FCO2</div><div>Solución: rutina que lo calcula</div><div>Beneficio: reportes a tiempo</div><div>Impacto: ninguno en otras rutinas</div>";
    const { frame, page } = await start("tab");
    assert.equal(
      await frame.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue("--palette-primary").trim(),
      ),
      "0, 120, 212",
      "the host's theme is applied",
    );
    await loadFromHu(frame);
    await frame.fill(inputId("numeroContacto"), CHOSEN.numeroContacto);
    await reviewChanges(frame);
    await frame.waitForSelector("[id$='lz-save']:not([disabled]):not(.disabled)");
    await page.waitForTimeout(300);
    const height = await frame.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1100, height: Math.min(height + 16, 2400) });
    await page.waitForTimeout(200);
    const shot = path.join(repoRoot, "build", "screenshots", "release-tab.png");
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await (await page.$("#extension-frame"))!.screenshot({ path: shot });
    // build/ on every run; images/ (the README's and marketplace's picture) only when asked, so a
    // test run leaves the working tree clean: LZ_UPDATE_SCREENSHOTS=1 npm test.
    if (process.env.LZ_UPDATE_SCREENSHOTS) fs.copyFileSync(shot, path.join(repoRoot, "images", "release-tab.png"));
    assert.ok(fs.statSync(shot).size > 10000);
    const diff = (await frame.textContent("table.lz-diff")) ?? "";
    assert.match(diff, /EVC00012.*EVC00037/s, "a real Now → After");
  });
});
