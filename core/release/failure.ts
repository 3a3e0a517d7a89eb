/**
 * A REST call of the tab that failed, and what to tell the user about it (issue #13): which call,
 * what happened (sign-in, permission, not found, server error, network) and what to do — never
 * "no parent" or "no pull request" when Azure DevOps refused or failed to answer.
 *
 * Core does not hold texts: it returns catalogue messages (core/i18n), which the page renders in
 * the user's language.
 */
import { type Message, type MessageKey, msg } from "../i18n/catalogue";

export type { Message };

/** Every REST call the tab makes, with what it was about. */
export type Call =
  | { op: "readRelease" | "updateRelease"; releaseId: number; project: string }
  | { op: "readWorkItem"; workItemId: number; role: "hu" | "parent" }
  | { op: "readPullRequest"; pullRequestId: number; project: string }
  | { op: "listFolders" | "readFile"; repository: string; project: string; path: string; commit: string };

export type FailureKind =
  "unauthorized" | "forbidden" | "notFound" | "badRequest" | "throttled" | "server" | "network" | "unexpected";

/** Longest part of a server's own error text that is shown (it is untrusted and can be long). */
export const MAX_DETAIL = 300;

export function failureKind(status: number | undefined, network = false): FailureKind {
  if (network) return "network";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "notFound";
  if (status === 400) return "badRequest";
  if (status === 429) return "throttled";
  if (status !== undefined && status >= 500 && status <= 599) return "server";
  return "unexpected";
}

/** Azure DevOps' error text, bounded: one line, no control characters, at most MAX_DETAIL characters. */
export function boundDetail(text: string | undefined): string | undefined {
  if (!text) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
  const line = text.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  if (!line) return undefined;
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

/** A failed call: the gateway throws it; the page says it with describeFailure. */
export class CallFailure extends Error {
  readonly kind: FailureKind;
  readonly detail?: string;
  constructor(
    readonly call: Call,
    readonly status: number | undefined,
    detail?: string,
    network = false,
  ) {
    const kind = failureKind(status, network);
    super(`${call.op} failed: ${status ?? kind}${detail ? ` ${boundDetail(detail)}` : ""}`);
    this.name = "CallFailure";
    this.kind = kind;
    this.detail = boundDetail(detail);
  }
}

export function isCallFailure(err: unknown): err is CallFailure {
  return err instanceof CallFailure;
}

/** The permission (and the extension's OAuth scope) each call needs. */
export function permissionFor(call: Call): { permission: MessageKey; scope: string } {
  switch (call.op) {
    case "readRelease":
      return { permission: "TabPermViewReleases", scope: "vso.release" };
    case "updateRelease":
      return { permission: "TabPermManageReleases", scope: "vso.release_execute" };
    case "readWorkItem":
      return { permission: "TabPermViewWorkItems", scope: "vso.work" };
    default:
      return { permission: "TabPermReadRepository", scope: "vso.code" };
  }
}

function callMessage(call: Call): Message {
  switch (call.op) {
    case "readRelease":
      return msg("TabCallReadRelease", call.releaseId, call.project);
    case "updateRelease":
      return msg("TabCallUpdateRelease", call.releaseId, call.project);
    case "readWorkItem":
      return msg(call.role === "hu" ? "TabCallReadHu" : "TabCallReadParent", call.workItemId);
    case "readPullRequest":
      return msg("TabCallReadPullRequest", call.pullRequestId, call.project);
    case "listFolders":
      return msg("TabCallListFolders", call.path, call.repository, call.commit.slice(0, 8));
    default:
      return msg("TabCallReadFile", call.path, call.repository, call.commit.slice(0, 8));
  }
}

function reasonMessage(failure: CallFailure): Message {
  const { permission, scope } = permissionFor(failure.call);
  const status = failure.status ?? "-";
  switch (failure.kind) {
    case "unauthorized":
      return msg("TabReasonUnauthorized", scope);
    case "forbidden":
      return msg("TabReasonForbidden", msg(permission), scope);
    case "notFound":
      return msg("TabReasonNotFound", msg(permission));
    case "badRequest":
      return msg("TabReasonBadRequest");
    case "throttled":
      return msg("TabReasonThrottled");
    case "server":
      return msg(failure.call.op === "updateRelease" ? "TabReasonServerOnSave" : "TabReasonServer", status);
    case "network":
      return msg("TabReasonNetwork");
    default:
      return msg("TabReasonUnexpected", status);
  }
}

/** Which call failed, what happened, what to do, and Azure DevOps' own words when it gave some. */
export function describeFailure(failure: CallFailure): Message {
  const call = callMessage(failure.call);
  const reason = reasonMessage(failure);
  return failure.detail ? msg("TabFailureWithDetail", call, reason, failure.detail) : msg("TabFailure", call, reason);
}
