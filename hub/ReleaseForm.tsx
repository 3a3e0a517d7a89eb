/**
 * The release variables form: shows the release's values, drafts them from the HU, validates with
 * CreateOCVars' rules (core), previews the diff and saves only the form's variables and the
 * description. Every decision is core's (core/release); this component only renders and wires.
 */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { TextField } from "azure-devops-ui/TextField";
import {
  applyDraft,
  formVariables,
  FormState,
  planSave,
  readForm,
  ReleaseLike,
  SavePlan,
  stageOverrides,
  validateForm,
} from "../core/release/releaseForm";
import type { Drafted } from "../core/release/fromHu";
import type { ReleaseGateway } from "./gateway";
import { loadFromHu } from "./loadFromHu";
import { Lang, strings } from "./strings";

export interface ReleaseFormProps {
  gateway: ReleaseGateway;
  release: ReleaseLike;
  lang: Lang;
}

interface Message {
  severity: "info" | "warning" | "error";
  text: string;
}

export function ReleaseForm({ gateway, release: initial, lang }: ReleaseFormProps): JSX.Element {
  const t = strings(lang);
  const [release, setRelease] = React.useState(initial);
  const [form, setForm] = React.useState<FormState>(() => readForm(initial));
  const [drafted, setDrafted] = React.useState<Record<string, Drafted>>({});
  const [huId, setHuId] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<Message | undefined>();
  const [plan, setPlan] = React.useState<SavePlan | undefined>();

  React.useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the host's new release replaces the form (issue #13 keeps the edits)
    setRelease(initial);
    setForm(readForm(initial));
    setPlan(undefined);
  }, [initial]);

  const problems = validateForm(form);
  const overrides = stageOverrides(release, formVariables(release));
  const setValue = (variable: string, value: string) => {
    setPlan(undefined);
    setForm((f) => ({ ...f, fields: f.fields.map((x) => (x.variable === variable ? { ...x, value } : x)) }));
  };
  const problemText = (variable: string) =>
    (problems.get(variable) ?? [])
      .filter((p) => p.severity === "error")
      .map((p) => t(p.code, { s: String(p.args[0] ?? "") }))
      .join(" ");

  const onLoad = async () => {
    const id = Number(huId.trim());
    if (!Number.isInteger(id) || id <= 0) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const draft = await loadFromHu(gateway, id);
      setDrafted(draft.fields);
      setForm((f) => applyDraft(f, draft, id));
      setPlan(undefined);
      setMessage({ severity: "info", text: t("loaded", { s: id }) });
    } catch (err) {
      setMessage({ severity: "error", text: t("loadFailed", { s: id, e: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const onReview = async () => {
    if (problems.size && [...problems.values()].some((list) => list.some((p) => p.severity === "error"))) {
      setMessage({ severity: "error", text: t("invalid") });
      return;
    }
    setBusy(true);
    try {
      const fresh = await gateway.getRelease(release.id);
      const next = planSave(fresh, form.modifiedOn, form);
      setPlan(next);
      if (next.kind === "conflict")
        setMessage({
          severity: "warning",
          text: t("conflict", { a: next.loadedModifiedOn ?? "-", b: next.currentModifiedOn ?? "-" }),
        });
      else if (next.kind === "nothing") setMessage({ severity: "info", text: t("nothing") });
      else setMessage(undefined);
    } finally {
      setBusy(false);
    }
  };

  const onSave = async () => {
    if (plan?.kind !== "update") return;
    setBusy(true);
    try {
      const saved = await gateway.updateRelease(plan.body);
      setMessage({ severity: "info", text: t("saved", { n: plan.changes.length }) });
      setPlan(undefined);
      setRelease(saved);
      setForm((f) => ({ ...f, modifiedOn: saved.modifiedOn }));
    } catch (err) {
      setMessage({ severity: "error", text: t("saveFailed", { e: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const onReload = async () => {
    setBusy(true);
    try {
      const fresh = await gateway.getRelease(release.id);
      setRelease(fresh);
      setForm(readForm(fresh));
      setPlan(undefined);
      setMessage(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lz-form flex-column" style={{ gap: 16, padding: 16 }}>
      {message && (
        <MessageCard
          className="lz-message"
          severity={
            message.severity === "error"
              ? MessageCardSeverity.Error
              : message.severity === "warning"
                ? MessageCardSeverity.Warning
                : MessageCardSeverity.Info
          }
        >
          {message.text}
        </MessageCard>
      )}
      {plan?.kind === "conflict" && <Button id="lz-reload" text={t("reload")} onClick={onReload} disabled={busy} />}
      <Card>
        <div className="flex-row flex-center" style={{ gap: 8 }}>
          <FormItem label={t("huId")}>
            <TextField inputId="lz-hu" value={huId} onChange={(_e, v) => setHuId(v)} width={undefined} />
          </FormItem>
          <Button id="lz-load" text={t("loadFromHu")} onClick={onLoad} disabled={busy || !huId.trim()} primary />
        </div>
      </Card>
      <Card>
        <div className="flex-column" style={{ gap: 8, width: "100%" }}>
          {form.fields.map((field) => {
            const d = drafted[field.variable];
            const error = problemText(field.variable);
            const note = d
              ? (d.missing ? t("missing", { s: d.missing }) : t("source", { s: d.source })) +
                (d.warning ? ` — ${d.warning}` : "")
              : "";
            const override = overrides.find((o) => o.variable === field.variable);
            return (
              <FormItem
                key={field.variable}
                label={field.variable}
                error={!!error}
                message={[error || note, override ? t("stageOverride", { s: override.stage, v: field.variable }) : ""]
                  .filter(Boolean)
                  .join(" — ")}
              >
                <TextField
                  inputId={`lz-var-${field.variable.replace(/\s+/g, "_")}`}
                  value={field.value}
                  onChange={(_e, v) => setValue(field.variable, v)}
                />
              </FormItem>
            );
          })}
          <FormItem
            label={t("description")}
            error={problems.has("description")}
            message={(problems.get("description") ?? [])
              .map((p) => t(p.code, { s: String(p.args[0] ?? "") }))
              .join(" ")}
          >
            <TextField
              inputId="lz-description"
              multiline
              rows={6}
              value={form.description}
              onChange={(_e, v) => setForm((f) => ({ ...f, description: v }))}
            />
          </FormItem>
        </div>
      </Card>
      <div className="flex-row" style={{ gap: 8 }}>
        <Button id="lz-review" text={t("preview")} onClick={onReview} disabled={busy} />
        {plan?.kind === "update" && <Button id="lz-save" text={t("save")} onClick={onSave} disabled={busy} primary />}
      </div>
      {plan?.kind === "update" && (
        <Card>
          <table className="lz-diff">
            <caption>{t("changes")}</caption>
            <thead>
              <tr>
                <th />
                <th>{t("before")}</th>
                <th>{t("after")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.changes.map((c) => (
                <tr key={c.variable}>
                  <td>{c.variable}</td>
                  <td style={{ whiteSpace: "pre-wrap" }}>{c.before}</td>
                  <td style={{ whiteSpace: "pre-wrap" }}>{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.skippedSecrets.map((v) => (
            <div key={v}>{t("secretSkipped", { v })}</div>
          ))}
        </Card>
      )}
    </div>
  );
}
