/**
 * The only way the release tab talks to Azure DevOps. The product uses restGateway.ts (the REST
 * clients of azure-devops-extension-api); unit tests plug in an in-memory one.
 *
 * The contract every implementation keeps (issue #13):
 *  - a release comes back in core's shape (releaseFromWire: dates as ISO strings, whatever the
 *    client or host handed);
 *  - a call that fails throws core's CallFailure naming the call and the HTTP status — a refusal or
 *    a server error is never turned into "nothing there";
 *  - the only absence that is not a failure is readFile's: a file that does not exist (404) is
 *    `undefined`, and listFolders' path that does not exist is `[]`;
 *  - work items are read by id alone (ids are unique in the organization); a pull request and its
 *    files are read in the project and repository its link names, not the release's.
 */
import type { HuFacts } from "../core/release/fromHu";
import type { PullRequestRef } from "../core/release/links";
import type { ReleaseStore } from "../core/release/save";

/** What core drafts from (HuFacts), plus the links to follow to the parent and the pull request. */
export interface WorkItemFacts extends Omit<HuFacts, "parentTitle" | "parentFailure"> {
  parentId?: number;
  /** vstfs:///Git/PullRequestId/<project>%2F<repository>%2F<id> links. */
  pullRequestLinks: string[];
}

export interface PullRequestFacts {
  id: number;
  /** The project the repository belongs to (id): where its files are read. */
  project: string;
  repositoryId: string;
  repositoryName: string;
  /** The PR's last merge source commit: readable even when the source branch was deleted. */
  sourceCommit: string;
}

export interface ReleaseGateway extends ReleaseStore {
  getWorkItem(id: number, role: "hu" | "parent"): Promise<WorkItemFacts>;
  getPullRequest(ref: PullRequestRef): Promise<PullRequestFacts>;
  /** Folder names directly under `path` at the PR's source commit; [] when `path` does not exist there. */
  listFolders(pr: PullRequestFacts, path: string): Promise<string[]>;
  /** A file's text at the PR's source commit, undefined when it does not exist. */
  readFile(pr: PullRequestFacts, path: string): Promise<string | undefined>;
}
