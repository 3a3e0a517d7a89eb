/** The hub's page: paste a release id or URL, then the release variables form. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Header } from "azure-devops-ui/Header";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Page } from "azure-devops-ui/Page";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { TextField } from "azure-devops-ui/TextField";
import type { ReleaseLike } from "../core/release/releaseForm";
import type { ReleaseGateway } from "./gateway";
import { releaseIdFrom } from "./loadFromHu";
import { failureText, ReleaseFeed, ReleaseForm } from "./ReleaseForm";
import { Lang, strings } from "./strings";

export function ReleaseHub({ gateway, lang }: { gateway: ReleaseGateway; lang: Lang }): JSX.Element {
  const t = strings(lang);
  const [text, setText] = React.useState("");
  const [release, setRelease] = React.useState<ReleaseLike | undefined>();
  const [busy, setBusy] = React.useState<string | undefined>();
  const [error, setError] = React.useState<string | undefined>();
  // Opening the release shown again goes through the form's feed: its edits are kept (issue #13).
  const listeners = React.useRef(new Set<(release: ReleaseLike) => void>());
  const feed = React.useCallback<ReleaseFeed>((listener) => {
    const set = listeners.current;
    set.add(listener);
    return () => set.delete(listener);
  }, []);
  const open = async () => {
    const id = releaseIdFrom(text);
    if (!id) return;
    setBusy(t("TabBusyOpen", id));
    setError(undefined);
    try {
      const fresh = await gateway.getRelease(id);
      if (release?.id === fresh.id) listeners.current.forEach((listener) => listener(fresh));
      else setRelease(fresh);
    } catch (err) {
      setError(t("TabOpenFailed", id, failureText(t, err)));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Page className="flex-grow">
      <Header title={t("TabTitle")} />
      <div className="flex-row flex-center lz-hu-row" style={{ padding: "8px 16px" }}>
        <TextField
          inputId="lz-release"
          value={text}
          onChange={(_e, v) => setText(v)}
          placeholder={t("TabReleasePlaceholder")}
        />
        <Button id="lz-open" text={t("TabOpen")} onClick={open} disabled={!!busy || !releaseIdFrom(text)} />
      </div>
      {busy && <Spinner className="lz-busy" size={SpinnerSize.medium} label={busy} />}
      {error && (
        <div className="lz-form">
          <MessageCard className="lz-message" severity={MessageCardSeverity.Error}>
            {error}
          </MessageCard>
        </div>
      )}
      {release && <ReleaseForm key={release.id} gateway={gateway} release={release} lang={lang} feed={feed} />}
    </Page>
  );
}
