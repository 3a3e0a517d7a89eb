/**
 * The only way the release tab talks to Azure DevOps. The product uses restGateway.ts (the REST
 * clients of azure-devops-extension-api); the browser tests plug in an in-memory one.
 */
import type { HuFacts } from "../core/release/fromHu";
import type { ReleaseLike } from "../core/release/releaseForm";

/** What core drafts from (HuFacts), plus the links to follow to the parent and the pull request. */
export interface WorkItemFacts extends Omit<HuFacts, "parentTitle"> {
  parentId?: number;
  /** vstfs:///Git/PullRequestId/<project>%2F<repository>%2F<id> links. */
  pullRequestLinks: string[];
}

export interface PullRequestFacts {
  id: number;
  repositoryId: string;
  repositoryName: string;
  /** The PR's last merge source commit: readable even when the source branch was deleted. */
  sourceCommit: string;
}

export interface ReleaseGateway {
  getRelease(id: number): Promise<ReleaseLike>;
  updateRelease(release: ReleaseLike): Promise<ReleaseLike>;
  getWorkItem(id: number): Promise<WorkItemFacts>;
  getPullRequest(id: number): Promise<PullRequestFacts>;
  /** Folder names directly under `path` at a commit. */
  listFolders(repositoryId: string, commit: string, path: string): Promise<string[]>;
  /** A file's text at a commit, undefined when it does not exist. */
  readFile(repositoryId: string, commit: string, path: string): Promise<string | undefined>;
}
