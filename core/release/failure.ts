/**
 * A REST call of the tab that failed, and what to tell the user about it (issue #13): which call,
 * what happened (sign-in, permission, not found, server error, network) and what to do — never
 * "no parent" or "no pull request" when Azure DevOps refused or failed to answer.
 *
 * Core does not hold texts: it returns message keys with their arguments (a `Message`), and the
 * page renders them in the user's language (hub/strings.ts).
 */

/** A message key and its arguments; an argument may itself be a message, rendered first. */
export interface Message {
  key: string;
  args?: Record<string, string | number | Message>;
}

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
export function permissionFor(call: Call): { permission: string; scope: string } {
  switch (call.op) {
    case "readRelease":
      return { permission: "perm.viewReleases", scope: "vso.release" };
    case "updateRelease":
      return { permission: "perm.manageReleases", scope: "vso.release_execute" };
    case "readWorkItem":
      return { permission: "perm.viewWorkItems", scope: "vso.work" };
    default:
      return { permission: "perm.readRepository", scope: "vso.code" };
  }
}

function callMessage(call: Call): Message {
  switch (call.op) {
    case "readRelease":
    case "updateRelease":
      return { key: `call.${call.op}`, args: { id: call.releaseId, project: call.project } };
    case "readWorkItem":
      return { key: call.role === "hu" ? "call.readHu" : "call.readParent", args: { id: call.workItemId } };
    case "readPullRequest":
      return { key: "call.readPullRequest", args: { id: call.pullRequestId, project: call.project } };
    default:
      return {
        key: `call.${call.op}`,
        args: { path: call.path, repository: call.repository, commit: call.commit.slice(0, 8) },
      };
  }
}

/** Which call failed, what happened, what to do, and Azure DevOps' own words when it gave some. */
export function describeFailure(failure: CallFailure): Message {
  const { permission, scope } = permissionFor(failure.call);
  const status = failure.status ?? "-";
  const reasonKey =
    failure.kind === "server" && failure.call.op === "updateRelease" ? "reason.serverOnSave" : `reason.${failure.kind}`;
  const reason: Message = { key: reasonKey, args: { status, permission: { key: permission }, scope } };
  const args: Message["args"] = { call: callMessage(failure.call), reason };
  return failure.detail
    ? { key: "failureWithDetail", args: { ...args, detail: failure.detail } }
    : { key: "failure", args };
}

/** Every message key describeFailure can produce, so the page's tables can be checked complete. */
export const FAILURE_KEYS: readonly string[] = [
  "failure",
  "failureWithDetail",
  "call.readRelease",
  "call.updateRelease",
  "call.readHu",
  "call.readParent",
  "call.readPullRequest",
  "call.listFolders",
  "call.readFile",
  "reason.unauthorized",
  "reason.forbidden",
  "reason.notFound",
  "reason.badRequest",
  "reason.throttled",
  "reason.server",
  "reason.serverOnSave",
  "reason.network",
  "reason.unexpected",
  "perm.viewReleases",
  "perm.manageReleases",
  "perm.viewWorkItems",
  "perm.readRepository",
];
