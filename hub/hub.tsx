/**
 * The same form as a project hub in Pipelines (ms.vss-build-web.build-release-hub-group), where the
 * user picks or pastes a release (id or URL): it works on every Azure DevOps, with or without the
 * release tab.
 */
import * as React from "react";
import { ReleaseHub } from "./ReleaseHub";
import { restGateway } from "./restGateway";
import { startPage } from "./startup";

startPage(async ({ lang, project, show }) => {
  show(<ReleaseHub gateway={restGateway(project)} lang={lang} />);
});
