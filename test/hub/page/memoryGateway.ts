/** An in-memory Azure DevOps for the tab's browser tests: a release, an HU with its parent and PR, a repository. */
import type { ReleaseLike } from "../../../core/release/releaseForm";
import type { PullRequestFacts, ReleaseGateway, WorkItemFacts } from "../../../hub/gateway";

export interface MemoryState {
  releases: Record<number, ReleaseLike>;
  workItems: Record<number, WorkItemFacts>;
  pullRequests: Record<number, PullRequestFacts>;
  /** "<repositoryId>@<commit>:<path>" → file text; folders are derived from the paths. */
  files: Record<string, string>;
  calls: string[];
  updates: ReleaseLike[];
}

export class MemoryGateway implements ReleaseGateway {
  constructor(readonly state: MemoryState) {}
  private call(name: string) {
    this.state.calls.push(name);
  }
  async getRelease(id: number) {
    this.call(`getRelease ${id}`);
    return JSON.parse(JSON.stringify(this.state.releases[id]));
  }
  async updateRelease(release: ReleaseLike) {
    this.call(`updateRelease ${release.id}`);
    this.state.updates.push(JSON.parse(JSON.stringify(release)));
    const saved = {
      ...release,
      modifiedOn: new Date(Date.parse(release.modifiedOn ?? "2026-01-01") + 60000).toISOString(),
    };
    this.state.releases[release.id] = saved;
    return JSON.parse(JSON.stringify(saved));
  }
  async getWorkItem(id: number) {
    this.call(`getWorkItem ${id}`);
    const item = this.state.workItems[id];
    if (!item) throw new Error(`TF401232: Work item ${id} does not exist`);
    return item;
  }
  async getPullRequest(id: number) {
    this.call(`getPullRequest ${id}`);
    return this.state.pullRequests[id];
  }
  async listFolders(repo: string, commit: string, path: string) {
    this.call(`listFolders ${path}`);
    const prefix = `${repo}@${commit}:${path}/`;
    return [
      ...new Set(
        Object.keys(this.state.files)
          .filter((k) => k.startsWith(prefix))
          .map((k) => k.slice(prefix.length).split("/")[0]),
      ),
    ].sort();
  }
  async readFile(repo: string, commit: string, path: string) {
    this.call(`readFile ${path}`);
    return this.state.files[`${repo}@${commit}:${path}`];
  }
}
