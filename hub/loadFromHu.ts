/**
 * "Load from HU": at most 5 REST calls — the HU; then its parent and its pull request in parallel;
 * then the PR's src/ folders; then the package's config.json. The decisions are core's.
 *
 * Only the HU itself is required: when it cannot be read, the load fails (CallFailure). A parent,
 * pull request, listing or file that cannot be read leaves its values empty with the failure said
 * as what it is (permission, not found, server error…), never as "there is none".
 */
import { describeFailure, isCallFailure, Message } from "../core/release/failure";
import { draftFromHu, Drafted, PACKAGE_PARENT, packageConfigPath, PrFacts, PrFailure } from "../core/release/fromHu";
import { parsePullRequestLink } from "../core/release/links";
import type { ReleaseGateway } from "./gateway";

export interface HuDraft {
  fields: Record<string, Drafted>;
  description: string;
  /** The HU's title and id, for the description of another release kind (core/api/releaseKind). */
  hu: { id: number; title: string };
  /** Every call that failed, said as core says it (the fields show them too). */
  failures: Message[];
}

export async function loadFromHu(gateway: ReleaseGateway, huId: number): Promise<HuDraft> {
  const failures: Message[] = [];
  // Anything else than a CallFailure is a bug: it fails the load rather than hiding as a value.
  const failure = (err: unknown): Message => {
    if (!isCallFailure(err)) throw err;
    const message = describeFailure(err);
    failures.push(message);
    return message;
  };
  const hu = await gateway.getWorkItem(huId, "hu");
  const prRef = hu.pullRequestLinks.map(parsePullRequestLink).find((ref) => ref !== undefined);
  const [parent, pr] = await Promise.all([
    hu.parentId
      ? gateway.getWorkItem(hu.parentId, "parent").then(
          (item) => ({ parentTitle: item.title }),
          (err: unknown) => ({ parentFailure: failure(err) }),
        )
      : Promise.resolve({}),
    prRef ? gateway.getPullRequest(prRef).catch((err: unknown) => ({ failure: failure(err) })) : undefined,
  ]);
  let prFacts: PrFacts | PrFailure | undefined;
  if (pr && "failure" in pr) prFacts = pr;
  else if (pr) {
    let folders: string[] = [];
    let foldersFailure: Message | undefined;
    try {
      folders = await gateway.listFolders(pr, PACKAGE_PARENT);
    } catch (err) {
      foldersFailure = failure(err);
    }
    const configPath = packageConfigPath(folders);
    let configJson: string | undefined;
    let configFailure: Message | undefined;
    if (configPath) {
      try {
        configJson = await gateway.readFile(pr, configPath);
      } catch (err) {
        configFailure = failure(err);
      }
    }
    prFacts = { repository: pr.repositoryName, srcFolders: folders, configJson, foldersFailure, configFailure };
  }
  return { ...draftFromHu({ ...hu, ...parent }, prFacts), failures, hu: { id: huId, title: hu.title } };
}

/** A release id from what the user pasted: 42, or a release URL with releaseId=42. */
export function releaseIdFrom(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const m = /[?&]releaseId=(\d+)/i.exec(trimmed) ?? /\/releases?\/(\d+)(?:[/?#]|$)/i.exec(trimmed);
  return m ? Number(m[1]) : undefined;
}
