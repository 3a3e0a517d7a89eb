/** ReleaseGateway over the Azure DevOps REST clients (azure-devops-extension-api). */
import { getClient } from "azure-devops-extension-api";
import { GitRestClient, GitVersionType, VersionControlRecursionType } from "azure-devops-extension-api/Git";
import { ReleaseRestClient } from "azure-devops-extension-api/Release";
import { WorkItemExpand, WorkItemTrackingRestClient } from "azure-devops-extension-api/WorkItemTracking";
import type { ReleaseLike } from "../core/release/releaseForm";
import type { ReleaseGateway } from "./gateway";

export function restGateway(project: string): ReleaseGateway {
  const releases = getClient(ReleaseRestClient);
  const wit = getClient(WorkItemTrackingRestClient);
  const git = getClient(GitRestClient);
  const commit = (version: string) => ({ version, versionType: GitVersionType.Commit, versionOptions: 0 });
  return {
    getRelease: async (id) => (await releases.getRelease(project, id)) as unknown as ReleaseLike,
    updateRelease: async (release) =>
      (await releases.updateRelease(release as never, project, release.id)) as unknown as ReleaseLike,
    async getWorkItem(id) {
      const item = await wit.getWorkItem(id, project, undefined, undefined, WorkItemExpand.Relations);
      const relations = item.relations ?? [];
      const parent = relations.find((r) => r.rel === "System.LinkTypes.Hierarchy-Reverse");
      return {
        id: item.id,
        title: String(item.fields["System.Title"] ?? ""),
        descriptionHtml: item.fields["System.Description"] as string | undefined,
        areaPath: item.fields["System.AreaPath"] as string | undefined,
        parentId: parent ? Number(parent.url.split("/").pop()) : undefined,
        pullRequestLinks: relations
          .filter((r) => r.rel === "ArtifactLink" && /PullRequestId/i.test(r.url))
          .map((r) => r.url),
      };
    },
    async getPullRequest(id) {
      const pr = await git.getPullRequestById(id, project);
      return {
        id,
        repositoryId: pr.repository.id,
        repositoryName: pr.repository.name,
        sourceCommit: pr.lastMergeSourceCommit?.commitId ?? "",
      };
    },
    async listFolders(repositoryId, version, path) {
      const items = await git.getItems(
        repositoryId,
        project,
        path,
        VersionControlRecursionType.OneLevel,
        false,
        false,
        false,
        false,
        commit(version),
      );
      return items
        .filter((i) => i.isFolder && i.path !== path)
        .map((i) => i.path.split("/").pop()!)
        .sort();
    },
    async readFile(repositoryId, version, path) {
      try {
        return await git.getItemText(
          repositoryId,
          path,
          project,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          commit(version),
        );
      } catch {
        return undefined;
      }
    },
  };
}
