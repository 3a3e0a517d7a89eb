/**
 * The tab on the release page (ms.vss-web.tab on ms.vss-releaseManagement-web.release-details-view):
 * the host hands the release through the configuration's onReleaseChanged.
 */
import "azure-devops-ui/Core/override.css";
import * as SDK from "azure-devops-extension-sdk";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { Surface, SurfaceBackground } from "azure-devops-ui/Surface";
import type { ReleaseLike } from "../core/release/releaseForm";
import { ReleaseForm } from "./ReleaseForm";
import { restGateway } from "./restGateway";
import { langOf } from "./strings";

interface TabConfiguration {
  onReleaseChanged?(handler: (release: ReleaseLike) => void): void;
  releaseId?: number;
}

void SDK.init({ loaded: false, applyTheme: true }).then(async () => {
  await SDK.ready();
  const project = SDK.getWebContext().project.name;
  const gateway = restGateway(project);
  const lang = langOf(navigator.language);
  const config = SDK.getConfiguration() as TabConfiguration;
  const root = document.getElementById("root")!;
  const render = (release: ReleaseLike) =>
    ReactDOM.render(
      <Surface background={SurfaceBackground.neutral}>
        <ReleaseForm gateway={gateway} release={release} lang={lang} />
      </Surface>,
      root,
    );
  if (config.onReleaseChanged) config.onReleaseChanged((release) => render(release));
  else if (config.releaseId) render(await gateway.getRelease(config.releaseId));
  await SDK.notifyLoadSucceeded();
});
