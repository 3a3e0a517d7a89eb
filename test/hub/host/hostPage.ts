/**
 * A fake Azure DevOps host page (never shipped): it iframes the extension's built page and plays the
 * host's side of the extension SDK's protocol with the SDK's own XDM module, as the real host does:
 *  - `DevOps.HostControl`: initialHandshake (answered in the SDK 4 format: contributionId, context
 *    with pageContext.webContext and pageContext.globalization.culture, initialConfig, themeData),
 *    notifyLoadSucceeded / notifyLoadFailed, getAccessToken, resize;
 *  - `DevOps.ServiceManager`: getService for the location service (resource area → server URL) and
 *    the project page service (`ms.vss-tfs-web.tfs-page-data-service`, getProject).
 * For the release tab, initialConfig carries releaseId and onReleaseChanged: the host calls the
 * handler with the release (dates as `Date` objects, as the release page's own model has them) at
 * once and every time `fakeHost.fireReleaseChanged()` is called — each time a new object.
 * What happened is kept in `window.hostLog` for the test.
 */
import { channelManager } from "../../../node_modules/azure-devops-extension-sdk/esm/XDM.js";
import type { HostConfig, HostLog } from "./protocol";

const config = JSON.parse(decodeURIComponent(location.hash.slice(1))) as HostConfig;
const log: HostLog = {
  handshakes: [],
  loadSucceeded: 0,
  loadFailed: [],
  tokens: 0,
  services: [],
  resourceAreas: [],
  releaseDeliveries: 0,
  errors: [],
};
(window as unknown as { hostLog: HostLog }).hostLog = log;

const iframe = document.createElement("iframe");
iframe.id = "extension-frame";
iframe.title = "LZ release variables";
document.getElementById("content")!.appendChild(iframe);
const channel = channelManager.addChannel(iframe.contentWindow!, new URL(config.extensionUrl).origin);

/** The release as the host's page has it: a fresh object each time, dates as Date objects. */
async function currentRelease(): Promise<unknown> {
  const text = await (await fetch(config.releaseFeedUrl)).text();
  return JSON.parse(text, (key, value: unknown) =>
    typeof value === "string" && /(On|Time|Date)$/.test(key) && /^\d{4}-\d{2}-\d{2}T/.test(value)
      ? new Date(value)
      : value,
  );
}

let releaseHandler: ((release: unknown) => Promise<unknown>) | undefined;
async function fireReleaseChanged(): Promise<void> {
  if (!releaseHandler) throw new Error("the tab registered no onReleaseChanged handler");
  log.releaseDeliveries++;
  await releaseHandler(await currentRelease());
}
(window as unknown as { fakeHost: unknown }).fakeHost = { fireReleaseChanged };

function pageContext(): Record<string, unknown> {
  const team = { id: "0f9c7a1e-2b3d-4c5e-8f7a-9b0c1d2e3f4a", name: `${config.lzProject.name} Team` };
  const webContext =
    config.webContext === "none"
      ? undefined
      : {
          collection: { id: "c0ffee00-1111-2222-3333-444455556666", name: "banco", uri: config.collectionUrl },
          project: config.webContext === "withProject" ? config.lzProject : undefined,
          team,
        };
  return {
    globalization: {
      culture: config.culture,
      theme: "ms.vss-web.vsts-theme",
      timeZoneId: "UTC",
      typeAheadDisabled: false,
    },
    timeZonesConfiguration: {},
    ...(webContext ? { webContext } : {}),
  };
}

const registry = channel.getObjectRegistry();
registry.register("DevOps.HostControl", {
  initialHandshake(options: Record<string, unknown>) {
    log.handshakes.push(options);
    const initialConfig = config.tab
      ? {
          releaseId: config.releaseId,
          onReleaseChanged(handler: (release: unknown) => Promise<unknown>) {
            releaseHandler = handler;
            fireReleaseChanged().catch((err: unknown) => log.errors.push(String(err)));
          },
        }
      : {};
    return {
      contributionId: config.contributionId,
      context: {
        extension: {
          id: "landing-zone.lz-routine-release-kit",
          publisherId: "landing-zone",
          extensionId: "lz-routine-release-kit",
          version: "1.0.0",
        },
        user: {
          id: "b1d2e3f4-0001-4a5b-9c8d-000000000001",
          name: "laura.rojas@banco.com.co",
          displayName: "Laura Rojas",
          descriptor: "aad.YjFkMmUzZjQtMDAwMS00YTVi",
          imageUrl: "",
        },
        host: { id: "c0ffee00-1111-2222-3333-444455556666", name: "banco", serviceVersion: "20.267.0", type: 4 },
        pageContext: pageContext(),
      },
      initialConfig,
      themeData: config.themeData,
    };
  },
  notifyLoadSucceeded() {
    log.loadSucceeded++;
  },
  notifyLoadFailed(error: unknown) {
    log.loadFailed.push(String(error));
  },
  getAccessToken() {
    log.tokens++;
    return Promise.resolve({ token: config.token });
  },
  getAppToken() {
    return Promise.resolve({ token: "" });
  },
  resize() {},
});

registry.register("DevOps.ServiceManager", {
  getService(contributionId: string) {
    log.services.push(contributionId);
    if (contributionId === "ms.vss-features.location-service")
      return {
        getResourceAreaLocation(areaId: string) {
          log.resourceAreas.push(areaId);
          return Promise.resolve(config.resourceAreas[areaId.toLowerCase()] ?? config.collectionUrl);
        },
        getServiceLocation() {
          return Promise.resolve(config.collectionUrl);
        },
        routeUrl() {
          return Promise.resolve(config.collectionUrl);
        },
      };
    if (contributionId === "ms.vss-tfs-web.tfs-page-data-service") {
      if (config.serviceProject === "fail") return Promise.reject(new Error("The page data service is not available."));
      const project = config.serviceProject;
      return { getProject: () => Promise.resolve(project ?? undefined) };
    }
    return Promise.reject(new Error(`The host has no service ${contributionId}.`));
  },
});

iframe.src = config.extensionUrl;
