/**
 * How the tab and the hub start inside the Azure DevOps host (issue #13): the SDK's handshake, the
 * user's language from the host's page context (globalization.culture, not the browser's), the
 * project from the host's project page service (a web context without a project exists on real
 * hosts). Any failure on the way is shown in the page and reported with notifyLoadFailed — never a
 * blank page.
 */
import "azure-devops-ui/Core/override.css";
import "./page.css";
import * as SDK from "azure-devops-extension-sdk";
import { CommonServiceIds, IProjectPageService } from "azure-devops-extension-api";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Surface, SurfaceBackground } from "azure-devops-ui/Surface";
import { Lang, langOf, strings, Translate } from "./strings";
import { failureText } from "./ReleaseForm";

export interface PageStart {
  lang: Lang;
  t: Translate;
  /** The project's name: the REST routes take it (the release tab's and hub's own project). */
  project: string;
  /** Renders into the page's root, on the host's neutral surface. */
  show(content: JSX.Element): void;
}

/** A page that could not start: why, in the page's own words. */
export function StartMessage({ text }: { text: string }): JSX.Element {
  return (
    <div className="lz-form">
      <MessageCard className="lz-message" severity={MessageCardSeverity.Error}>
        {text}
      </MessageCard>
    </div>
  );
}

/** Thrown by a page's start when the host did not give what it needs; shown as it is. */
export class StartError extends Error {}

function pageContext(): Partial<SDK.IPageContext> | undefined {
  try {
    return SDK.getPageContext();
  } catch {
    return undefined;
  }
}

async function projectName(t: Translate, page: Partial<SDK.IPageContext> | undefined): Promise<string> {
  const service = await SDK.getService<IProjectPageService>(CommonServiceIds.ProjectPageService);
  const project = (await service.getProject()) ?? page?.webContext?.project;
  if (!project?.name) throw new StartError(t("TabNoProject"));
  return project.name;
}

/** Starts a page: `run` renders it; whatever it throws becomes the page's message and notifyLoadFailed. */
export function startPage(run: (start: PageStart) => Promise<void>): void {
  const root = document.getElementById("root")!;
  const show = (content: JSX.Element) =>
    ReactDOM.render(<Surface background={SurfaceBackground.neutral}>{content}</Surface>, root);
  void SDK.init({ loaded: false, applyTheme: true }).then(async () => {
    const page = pageContext();
    const lang = langOf(page?.globalization?.culture ?? navigator.language);
    const t = strings(lang);
    try {
      await run({ lang, t, project: await projectName(t, page), show });
      await SDK.notifyLoadSucceeded();
    } catch (err) {
      if (!(err instanceof StartError)) console.error(err);
      const text = t("TabStartFailed", err instanceof StartError ? err.message : failureText(t, err));
      show(<StartMessage text={text} />);
      await SDK.notifyLoadFailed(text).catch(() => undefined);
    }
  });
}
