/**
 * ReleaseGateway over the Azure DevOps REST clients (azure-devops-extension-api), which find their
 * servers through the host's location service and sign with the host's token. Thin: each method is
 * one call, its answer turned into core's shape (releaseFromWire), its failure into a CallFailure.
 */
import { getClient } from "azure-devops-extension-api";
import { GitRestClient, GitVersionType, VersionControlRecursionType } from "azure-devops-extension-api/Git";
import { ReleaseRestClient } from "azure-devops-extension-api/Release";
import { WorkItemExpand, WorkItemTrackingRestClient } from "azure-devops-extension-api/WorkItemTracking";
import { Call, CallFailure } from "../core/release/failure";
import { workItemIdFromUrl } from "../core/release/links";
import type { ReleaseLike } from "../core/release/releaseForm";
import { releaseFromWire } from "../core/release/wire";
import type { PullRequestFacts, ReleaseGateway } from "./gateway";

/** What the api package's fetch wrapper throws: `status` and the server's JSON error, or a network error. */
interface ClientError {
  name?: string;
  message?: string;
  status?: number;
  serverError?: { message?: string };
}

async function calling<T>(call: Call, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    const e = (err ?? {}) as ClientError;
    const status = typeof e.status === "number" ? e.status : undefined;
    throw new CallFailure(call, status, e.serverError?.message ?? e.message, status === undefined);
  }
}

/** The one absence that is not a failure: a 404 (the path does not exist at that commit). */
async function orAbsent<T>(request: Promise<T>, absent: T): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof CallFailure && err.status === 404) return absent;
    throw err;
  }
}

export function restGateway(project: string): ReleaseGateway {
  const releases = getClient(ReleaseRestClient);
  const wit = getClient(WorkItemTrackingRestClient);
  const git = getClient(GitRestClient);
  const atSourceCommit = (pr: PullRequestFacts) => ({
    version: pr.sourceCommit,
    versionType: GitVersionType.Commit,
    versionOptions: 0,
  });
  return {
    getRelease: (id) =>
      calling({ op: "readRelease", releaseId: id, project }, async () =>
        releaseFromWire(await releases.getRelease(project, id)),
      ),
    updateRelease: (release: ReleaseLike) =>
      calling({ op: "updateRelease", releaseId: release.id, project }, async () =>
        releaseFromWire(await releases.updateRelease(release as never, project, release.id)),
      ),
    getWorkItem: (id, role) =>
      calling({ op: "readWorkItem", workItemId: id, role }, async () => {
        // No project: ids are unique in the organization, and the HU or its parent may be elsewhere.
        const item = await wit.getWorkItem(id, undefined, undefined, undefined, WorkItemExpand.Relations);
        const relations = item.relations ?? [];
        const parent = relations.find((r) => r.rel === "System.LinkTypes.Hierarchy-Reverse");
        return {
          id: item.id,
          title: String(item.fields["System.Title"] ?? ""),
          descriptionHtml: item.fields["System.Description"] as string | undefined,
          areaPath: item.fields["System.AreaPath"] as string | undefined,
          parentId: parent ? workItemIdFromUrl(parent.url) : undefined,
          pullRequestLinks: relations
            .filter((r) => r.rel === "ArtifactLink" && /PullRequestId/i.test(r.url))
            .map((r) => r.url),
        };
      }),
    getPullRequest: (ref) =>
      calling({ op: "readPullRequest", pullRequestId: ref.id, project: ref.project }, async () => {
        const pr = await git.getPullRequestById(ref.id, ref.project);
        return {
          id: ref.id,
          project: pr.repository.project?.id ?? ref.project,
          repositoryId: pr.repository.id,
          repositoryName: pr.repository.name,
          sourceCommit: pr.lastMergeSourceCommit?.commitId ?? "",
        };
      }),
    listFolders: (pr, path) =>
      orAbsent(
        calling(
          { op: "listFolders", repository: pr.repositoryName, project: pr.project, path, commit: pr.sourceCommit },
          async () => {
            const items = await git.getItems(
              pr.repositoryId,
              pr.project,
              path,
              VersionControlRecursionType.OneLevel,
              false,
              false,
              false,
              false,
              atSourceCommit(pr),
            );
            return items
              .filter((i) => i.isFolder && i.path !== path)
              .map((i) => i.path.split("/").pop()!)
              .sort();
          },
        ),
        [],
      ),
    readFile: (pr, path) =>
      orAbsent<string | undefined>(
        calling(
          { op: "readFile", repository: pr.repositoryName, project: pr.project, path, commit: pr.sourceCommit },
          () =>
            git.getItemText(
              pr.repositoryId,
              path,
              pr.project,
              undefined,
              undefined,
              undefined,
              undefined,
              undefined,
              atSourceCommit(pr),
            ),
        ),
        undefined,
      ),
  };
}
