/**
 * The release variables form: shows the release's values, drafts them from the HU, validates with
 * CreateOCVars' rules, previews the diff and saves only the form's variables and the description.
 * Every decision is core's (core/release: the form, revisions and rebase, review and save, failure
 * texts); this component renders, wires, and says what is happening: a spinner while a call is in
 * flight, a message when one fails — never a silent dead button.
 */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { FormItem } from "azure-devops-ui/FormItem";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { RadioButton, RadioButtonGroup, RadioButtonGroupDirection } from "azure-devops-ui/RadioButton";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { TextField } from "azure-devops-ui/TextField";
import { API_VARIABLE, KIND_VARIABLE, kindDescription, ReleaseKind, RELEASE_KINDS } from "../core/api/releaseKind";
import type { MessageArg, MessageKey } from "../core/i18n/catalogue";
import { describeFailure, isCallFailure } from "../core/release/failure";
import type { Drafted } from "../core/release/fromHu";
import { formatInstant } from "../core/release/instant";
import {
  applyDraft,
  fieldHint,
  FormState,
  formVariables,
  readForm,
  ReleaseLike,
  SavePlan,
  stageOverrides,
  validateForm,
  withKind,
} from "../core/release/releaseForm";
import { Editing, rebase, receiveRelease } from "../core/release/revision";
import { review, save } from "../core/release/save";
import type { ReleaseGateway } from "./gateway";
import { loadFromHu } from "./loadFromHu";
import { Lang, strings, Translate } from "./strings";
import "./releaseForm.css";

/** Later deliveries of the release by the host page (the tab's onReleaseChanged); returns an unsubscribe. */
export type ReleaseFeed = (listener: (release: ReleaseLike) => void) => () => void;

export interface ReleaseFormProps {
  gateway: ReleaseGateway;
  release: ReleaseLike;
  lang: Lang;
  feed?: ReleaseFeed;
}

interface Notice {
  severity: "info" | "warning" | "error";
  lines: string[];
}

/** What the last "Load from HU" drafted the description from, and the text it set. */
interface DraftSource {
  hu: { id: number; title: string };
  /** The routine template's draft (from the HU's own parts). */
  routine: string;
  /** The description as drafted: while the user leaves it so, a change of kind or API name drafts it again. */
  text: string;
}

/** The radio button of each release kind. */
const KIND_LABEL: Record<ReleaseKind, MessageKey> = {
  routine: "TabKindRoutine",
  api: "TabKindApi",
  coordinator: "TabKindCoordinator",
};

/** The description for the form's kind from the HU loaded. */
function draftFor(form: FormState, source: DraftSource): string {
  const kind = form.kind ?? "routine";
  if (kind === "routine") return source.routine;
  const api = form.fields.find((f) => f.variable === API_VARIABLE)?.value ?? "";
  return kindDescription(kind, { titulo: source.hu.title, huId: source.hu.id, api });
}

interface FormView {
  editing: Editing;
  drafted: Record<string, Drafted>;
  draftSource?: DraftSource;
  /** The reviewed update, shown as a diff until something changes. */
  plan?: Extract<SavePlan, { kind: "update" }>;
  /** A newer revision than the form's, known from the host or a read: offered to rebase onto. */
  newer?: ReleaseLike;
  notice?: Notice;
  /** What is in flight (the spinner's label). */
  busy?: string;
}

/**
 * The text of a failure: core's description of a failed call, else the error's own message. An error
 * thrown by the host arrives through the SDK's channel as a plain object (its methods turned into
 * remote proxies): only its `message` is read, never its toString.
 */
export function failureText(t: Translate, err: unknown): string {
  if (isCallFailure(err)) return t(describeFailure(err));
  if (typeof err === "string") return err;
  const message = err && typeof err === "object" ? (err as { message?: unknown }).message : undefined;
  return typeof message === "string" && message ? message : t("TabUnknownError");
}

function changedNotice(t: Translate, key: "TabConflict" | "TabChangedUnderneath", from: unknown, to: unknown): Notice {
  return { severity: "warning", lines: [t(key, formatInstant(from), formatInstant(to))] };
}

export function ReleaseForm({ gateway, release: initial, lang, feed }: ReleaseFormProps): JSX.Element {
  const t = strings(lang);
  const [view, setView] = React.useState<FormView>(() => ({
    editing: { base: initial, form: readForm(initial) },
    drafted: {},
  }));
  const [huId, setHuId] = React.useState("");

  // The host hands the release again on every change of its page: the edits survive it (core decides).
  React.useEffect(
    () =>
      feed?.((incoming) =>
        setView((v) => {
          const arrival = receiveRelease(v.editing, incoming);
          if (arrival.kind === "kept") return v;
          if (arrival.kind === "replaced") return { editing: arrival.editing, drafted: {} };
          return {
            ...v,
            plan: undefined,
            newer: arrival.release,
            notice: changedNotice(
              strings(lang),
              "TabChangedUnderneath",
              v.editing.base.modifiedOn,
              arrival.release.modifiedOn,
            ),
          };
        }),
      ),
    [feed, lang],
  );

  const { editing, drafted, plan, newer, notice, busy } = view;
  const { form, base } = editing;
  const problems = validateForm(form);
  const hasErrors = [...problems.values()].some((list) => list.some((p) => p.severity === "error"));
  const overrides = stageOverrides(base, formVariables(base));

  /** Runs one user action: spinner while in flight, its failure said in the page. */
  const act = async (label: string, failedKey: MessageKey, failedArgs: MessageArg[], work: () => Promise<void>) => {
    setView((v) => ({ ...v, busy: label, notice: undefined }));
    try {
      await work();
    } catch (err) {
      if (!isCallFailure(err)) console.error(err);
      setView((v) => ({
        ...v,
        notice: { severity: "error", lines: [t(failedKey, ...failedArgs, failureText(t, err))] },
      }));
    } finally {
      setView((v) => ({ ...v, busy: undefined }));
    }
  };

  const edit = (change: (e: Editing) => Editing) =>
    setView((v) => ({ ...v, editing: change(v.editing), plan: undefined }));
  /** A form change that may change the drafted description (kind, API name): redrafted while untouched. */
  const editDrafted = (change: (form: FormState, base: ReleaseLike) => FormState) =>
    setView((v) => {
      const form = change(v.editing.form, v.editing.base);
      const source = v.draftSource;
      if (!source || v.editing.form.description !== source.text)
        return { ...v, editing: { ...v.editing, form }, plan: undefined };
      const text = draftFor(form, source);
      return {
        ...v,
        editing: { ...v.editing, form: { ...form, description: text } },
        draftSource: { ...source, text },
        plan: undefined,
      };
    });
  const setValue = (variable: string, value: string) =>
    editDrafted((form) => ({
      ...form,
      fields: form.fields.map((x) => (x.variable === variable ? { ...x, value } : x)),
    }));
  const setKind = (kind: ReleaseKind) => editDrafted((form, release) => withKind(form, kind, release));

  const onLoad = () => {
    const id = Number(huId.trim());
    if (!Number.isInteger(id) || id <= 0) {
      setView((v) => ({ ...v, notice: { severity: "error", lines: [t("TabHuInvalid")] } }));
      return Promise.resolve();
    }
    return act(t("TabBusyLoad", id), "TabLoadFailed", [id], async () => {
      const draft = await loadFromHu(gateway, id);
      const lines = draft.failures.length
        ? [t("TabLoadedWithFailures", id, draft.failures.length), ...draft.failures.map((f) => t(f))]
        : [t("TabLoaded", id)];
      setView((v) => {
        const form = applyDraft(v.editing.form, draft, id);
        const source: DraftSource = { hu: draft.hu, routine: draft.description, text: "" };
        source.text = draftFor(form, source);
        return {
          ...v,
          drafted: draft.fields,
          draftSource: source,
          editing: { ...v.editing, form: { ...form, description: source.text } },
          plan: undefined,
          notice: { severity: draft.failures.length ? "warning" : "info", lines },
        };
      });
    });
  };

  const onReview = () => {
    if (hasErrors) {
      setView((v) => ({ ...v, notice: { severity: "error", lines: [t("TabInvalid")] } }));
      return Promise.resolve();
    }
    return act(t("TabBusyReview"), "TabReviewFailed", [], async () => {
      const next = await review(gateway, base.id, form);
      setView((v) =>
        next.kind === "conflict"
          ? {
              ...v,
              plan: undefined,
              newer: next.current,
              notice: changedNotice(t, "TabConflict", next.loadedModifiedOn, next.currentModifiedOn),
            }
          : next.kind === "nothing"
            ? { ...v, plan: undefined, notice: { severity: "info", lines: [t("TabNothing")] } }
            : { ...v, plan: next },
      );
    });
  };

  const onSave = () => {
    if (!plan) return Promise.resolve();
    return act(t("TabBusySave"), "TabSaveFailed", [], async () => {
      const outcome = await save(gateway, plan, form);
      setView((v) => {
        switch (outcome.kind) {
          case "saved":
            return {
              ...v,
              plan: undefined,
              newer: undefined,
              editing: { base: outcome.release, form: { ...v.editing.form, modifiedOn: outcome.release.modifiedOn } },
              notice: { severity: "info", lines: [t("TabSaved", outcome.changes.length)] },
            };
          case "conflict":
            return {
              ...v,
              plan: undefined,
              newer: outcome.current,
              notice: changedNotice(t, "TabConflict", outcome.loadedModifiedOn, outcome.currentModifiedOn),
            };
          case "nothing":
            return { ...v, plan: undefined, notice: { severity: "info", lines: [t("TabNothing")] } };
          default:
            return { ...v, plan: outcome.plan, notice: { severity: "warning", lines: [t("TabReviewAgain")] } };
        }
      });
    });
  };

  const onRebase = () =>
    setView((v) => {
      if (!v.newer) return v;
      const { editing: next, overlaps } = rebase(v.editing, v.newer);
      return {
        ...v,
        editing: next,
        newer: undefined,
        plan: undefined,
        notice: {
          severity: overlaps.length ? "warning" : "info",
          lines: [
            t("TabRebased", formatInstant(next.base.modifiedOn)),
            ...overlaps.map((o) => t("TabOverlap", o.variable, o.theirs)),
          ],
        },
      };
    });

  const problemText = (variable: string) =>
    (problems.get(variable) ?? [])
      .filter((p) => p.severity === "error")
      .map((p) => t(fieldHint(p)))
      .join(" ");
  const draftNote = (d: Drafted | undefined) =>
    !d
      ? ""
      : (d.failure ? t(d.failure) : d.missing ? t("TabMissing", d.missing) : d.source ? t("TabSource", d.source) : "") +
        (d.warning ? ` — ${t(d.warning)}` : "");
  const shown = (value: string) => (value ? value : <span className="lz-empty">{t("TabEmpty")}</span>);

  return (
    <div className="lz-form flex-column">
      {notice && (
        <MessageCard
          className="lz-message"
          severity={
            notice.severity === "error"
              ? MessageCardSeverity.Error
              : notice.severity === "warning"
                ? MessageCardSeverity.Warning
                : MessageCardSeverity.Info
          }
          buttonProps={
            newer ? [{ id: "lz-reload", text: t("TabReload"), onClick: onRebase, disabled: !!busy }] : undefined
          }
        >
          <div className="lz-message-text">{notice.lines.join("\n")}</div>
        </MessageCard>
      )}
      {busy && <Spinner className="lz-busy" size={SpinnerSize.medium} label={busy} />}
      <Card>
        <div className="flex-column lz-hu-card">
          <div className="flex-row flex-center lz-hu-row">
            <FormItem label={t("TabHuId")}>
              <TextField inputId="lz-hu" value={huId} onChange={(_e, v) => setHuId(v)} width={undefined} />
            </FormItem>
            <Button id="lz-load" text={t("TabLoadFromHu")} onClick={onLoad} disabled={!!busy || !huId.trim()} primary />
          </div>
          <div className="flex-column lz-kind">
            <RadioButtonGroup
              id="lz-kind"
              text={t("TabKind")}
              direction={RadioButtonGroupDirection.Horizontal}
              selectedButtonId={`lz-kind-${form.kind ?? "routine"}`}
              onSelect={(id) => setKind(id.replace("lz-kind-", "") as ReleaseKind)}
            >
              {RELEASE_KINDS.map((k) => (
                <RadioButton key={k} id={`lz-kind-${k}`} text={t(KIND_LABEL[k])} disabled={!!busy} />
              ))}
            </RadioButtonGroup>
            {form.kind && form.kind !== "routine" && <div className="lz-kind-help">{t("TabKindHelp")}</div>}
          </div>
        </div>
      </Card>
      <Card>
        <div className="flex-column lz-fields">
          {/* The kind variable is the radio group above; the others are text. */}
          {form.fields
            .filter((field) => field.variable !== KIND_VARIABLE)
            .map((field) => {
              const error = problemText(field.variable);
              const override = overrides.find((o) => o.variable === field.variable);
              return (
                <FormItem
                  key={field.variable}
                  label={field.variable}
                  error={!!error}
                  message={[
                    error || draftNote(drafted[field.variable]),
                    override ? t("TabStageOverride", override.stage, field.variable) : "",
                  ]
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
            label={t("TabDescription")}
            error={problems.has("description")}
            message={(problems.get("description") ?? []).map((p) => t(fieldHint(p))).join(" ")}
          >
            <TextField
              inputId="lz-description"
              multiline
              rows={6}
              value={form.description}
              onChange={(_e, v) => edit((e) => ({ ...e, form: { ...e.form, description: v } }))}
            />
          </FormItem>
        </div>
      </Card>
      <div className="flex-row lz-actions">
        <Button id="lz-review" text={t("TabPreview")} onClick={onReview} disabled={!!busy} />
        {plan && <Button id="lz-save" text={t("TabSave")} onClick={onSave} disabled={!!busy} primary />}
      </div>
      {plan && (
        <Card className="lz-diff-card">
          <table className="lz-diff">
            <caption>{t("TabChanges")}</caption>
            <colgroup>
              <col className="lz-diff-variable" />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t("TabVariable")}</th>
                <th scope="col">{t("TabBefore")}</th>
                <th scope="col">{t("TabAfter")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.changes.map((c) => (
                <tr key={c.variable}>
                  <th scope="row">{c.variable === "description" ? t("TabDescription") : c.variable}</th>
                  <td>{shown(c.before)}</td>
                  <td>{shown(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.skippedSecrets.map((v) => (
            <div key={v}>{t("TabSecretSkipped", v)}</div>
          ))}
        </Card>
      )}
    </div>
  );
}
