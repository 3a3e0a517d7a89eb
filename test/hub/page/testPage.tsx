/** The hub page with the in-memory Azure DevOps, for the browser tests (never shipped). */
import "azure-devops-ui/Core/override.css";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { ReleaseHub } from "../../../hub/ReleaseHub";
import { MemoryGateway, MemoryState } from "./memoryGateway";

const w = window as unknown as { lzState: MemoryState; lzRendered?: number };
const lang = new URLSearchParams(location.search).get("lang") === "es" ? "es" : "en";
const gateway = new MemoryGateway(w.lzState);
ReactDOM.render(<ReleaseHub gateway={gateway} lang={lang} />, document.getElementById("root"), () => {
  w.lzRendered = performance.now();
});
