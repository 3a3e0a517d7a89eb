/** "Load from HU": at most 5 REST calls, the independent ones in parallel; the decisions are core's. */
import { draftFromHu, Drafted, PACKAGE_PARENT, packageConfigPath, PrFacts } from "../core/release/fromHu";
import type { ReleaseGateway } from "./gateway";

const PR_LINK = /^vstfs:\/\/\/Git\/PullRequestId\/[^%]+%2F([^%]+)%2F(\d+)$/i;

export async function loadFromHu(
  gateway: ReleaseGateway,
  huId: number,
): Promise<{ fields: Record<string, Drafted>; description: string }> {
  const hu = await gateway.getWorkItem(huId);
  const prLink = hu.pullRequestLinks.map((l) => PR_LINK.exec(l)).find(Boolean);
  const [parent, pr] = await Promise.all([
    hu.parentId ? gateway.getWorkItem(hu.parentId).catch(() => undefined) : Promise.resolve(undefined),
    prLink ? gateway.getPullRequest(Number(prLink[2])).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  let prFacts: PrFacts | undefined;
  if (pr) {
    const folders = await gateway.listFolders(pr.repositoryId, pr.sourceCommit, PACKAGE_PARENT).catch(() => []);
    const configPath = packageConfigPath(folders);
    const configJson = configPath
      ? await gateway.readFile(pr.repositoryId, pr.sourceCommit, configPath).catch(() => undefined)
      : undefined;
    prFacts = { repository: pr.repositoryName, srcFolders: folders, configJson };
  }
  return draftFromHu({ ...hu, parentTitle: parent?.title }, prFacts);
}

/** A release id from what the user pasted: 42, or a release URL with releaseId=42. */
export function releaseIdFrom(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const m = /[?&]releaseId=(\d+)/i.exec(trimmed) ?? /\/releases?\/(\d+)(?:[/?#]|$)/i.exec(trimmed);
  return m ? Number(m[1]) : undefined;
}
