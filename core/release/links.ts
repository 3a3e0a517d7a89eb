/**
 * The links of a work item the tab follows. A link names where its target lives: a pull request's
 * artifact link names its project and repository, which need not be the release's (issue #13: the
 * business team's HU and repository usually sit in another project than LZ's release).
 */

export interface PullRequestRef {
  /** Project id (or name) the PR belongs to, from the link. */
  project: string;
  /** Repository id (or name), from the link. */
  repository: string;
  id: number;
}

/** `vstfs:///Git/PullRequestId/{project}%2F{repository}%2F{id}` → its three parts. */
export function parsePullRequestLink(url: string): PullRequestRef | undefined {
  const m = /^vstfs:\/\/\/Git\/PullRequestId\/([^/?#]+)$/i.exec(url.trim());
  if (!m) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
  const parts = decoded.split("/");
  if (parts.length !== 3 || !parts[0] || !parts[1] || !/^\d+$/.test(parts[2])) return undefined;
  return { project: parts[0], repository: parts[1], id: Number(parts[2]) };
}

/**
 * The id at the end of a work item relation's URL (`…/_apis/wit/workItems/100`). Work item ids
 * are unique in the organization, so the id alone reads it whatever project it is in.
 */
export function workItemIdFromUrl(url: string): number | undefined {
  const m = /\/_apis\/wit\/workItems\/(\d+)\/?$/i.exec(url.trim());
  return m ? Number(m[1]) : undefined;
}
