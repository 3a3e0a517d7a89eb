/**
 * The same form as a project hub in Pipelines (ms.vss-build-web.build-release-hub-group), where the
 * user picks or pastes a release (id or URL): it works on every Azure DevOps, with or without the
 * release tab.
 */
import "azure-devops-ui/Core/override.css";
import * as SDK from "azure-devops-extension-sdk";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { ReleaseHub } from "./ReleaseHub";
import { restGateway } from "./restGateway";
import { langOf } from "./strings";

void SDK.init({ loaded: false, applyTheme: true }).then(async () => {
  await SDK.ready();
  const gateway = restGateway(SDK.getWebContext().project.name);
  ReactDOM.render(<ReleaseHub gateway={gateway} lang={langOf(navigator.language)} />, document.getElementById("root"));
  await SDK.notifyLoadSucceeded();
});
