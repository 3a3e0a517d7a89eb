/**
 * The tab on the release page (ms.vss-web.tab on ms.vss-releaseManagement-web.release-details-view):
 * the host hands the release through the configuration's onReleaseChanged, again on every change of
 * its page (each time a new object, dates as `Date`s); the form keeps the user's edits across them.
 */
import * as SDK from "azure-devops-extension-sdk";
import * as React from "react";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import type { ReleaseLike } from "../core/release/releaseForm";
import { releaseFromWire } from "../core/release/wire";
import { ReleaseFeed, ReleaseForm } from "./ReleaseForm";
import { restGateway } from "./restGateway";
import { StartError, StartMessage, startPage } from "./startup";

interface TabConfiguration {
  onReleaseChanged?(handler: (release: unknown) => void): unknown;
  releaseId?: number;
}

startPage(async ({ lang, t, project, show }) => {
  const gateway = restGateway(project);
  const config = SDK.getConfiguration() as TabConfiguration;
  if (typeof config.onReleaseChanged === "function") {
    const listeners = new Set<(release: ReleaseLike) => void>();
    const feed: ReleaseFeed = (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
    let shown = false;
    show(<Spinner className="lz-busy" size={SpinnerSize.large} label={t("TabWaitingRelease")} />);
    await config.onReleaseChanged((raw) => {
      let release: ReleaseLike;
      try {
        release = releaseFromWire(raw);
      } catch (err) {
        // Before the form: say it. After: the form keeps what it has (and its edits).
        console.error(err);
        if (!shown) show(<StartMessage text={t("TabBadRelease", (err as Error).message)} />);
        return;
      }
      if (!shown) {
        shown = true;
        show(<ReleaseForm gateway={gateway} release={release} lang={lang} feed={feed} />);
      } else listeners.forEach((listener) => listener(release));
    });
  } else if (typeof config.releaseId === "number") {
    show(<ReleaseForm gateway={gateway} release={await gateway.getRelease(config.releaseId)} lang={lang} />);
  } else throw new StartError(t("TabNoRelease"));
});
