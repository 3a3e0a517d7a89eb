/** The hub's page: paste a release id or URL, then the release variables form. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Header } from "azure-devops-ui/Header";
import { Page } from "azure-devops-ui/Page";
import { TextField } from "azure-devops-ui/TextField";
import type { ReleaseLike } from "../core/release/releaseForm";
import type { ReleaseGateway } from "./gateway";
import { releaseIdFrom } from "./loadFromHu";
import { ReleaseForm } from "./ReleaseForm";
import { Lang, strings } from "./strings";

export function ReleaseHub({ gateway, lang }: { gateway: ReleaseGateway; lang: Lang }): JSX.Element {
  const t = strings(lang);
  const [text, setText] = React.useState("");
  const [release, setRelease] = React.useState<ReleaseLike | undefined>();
  const open = async () => {
    const id = releaseIdFrom(text);
    if (id) setRelease(await gateway.getRelease(id));
  };
  return (
    <Page className="flex-grow">
      <Header title={t("title")} />
      <div className="flex-row flex-center" style={{ gap: 8, padding: "8px 16px" }}>
        <TextField
          inputId="lz-release"
          value={text}
          onChange={(_e, v) => setText(v)}
          placeholder={t("releasePlaceholder")}
        />
        <Button id="lz-open" text={t("open")} onClick={open} disabled={!releaseIdFrom(text)} />
      </div>
      {release && <ReleaseForm gateway={gateway} release={release} lang={lang} />}
    </Page>
  );
}
