/**
 * Load from HU's orchestration (hub/loadFromHu.ts) over an in-memory gateway: which calls, in which
 * order, and how a failed call reaches the form. The browser tests drive the same code through the
 * real REST clients; these pin the cases a fake server makes slow to set up.
 */
import { strict as assert } from "assert";
import { CallFailure } from "../../core/release/failure";
import type { PullRequestRef } from "../../core/release/links";
import type { PullRequestFacts, ReleaseGateway, WorkItemFacts } from "../../hub/gateway";
import { loadFromHu } from "../../hub/loadFromHu";
import { strings } from "../../hub/strings";

const en = strings("en");
const PR: PullRequestFacts = {
  id: 77,
  project: "celulas-id",
  repositoryId: "repo-id",
  repositoryName: "bana-vrie-calendarizacion-fco2",
  sourceCommit: "5c2f9a7e1b3d4c6e",
};

function gateway(overrides: Partial<ReleaseGateway> = {}) {
  const calls: string[] = [];
  const hu: WorkItemFacts = {
    id: 3224139,
    title: "Circular 32",
    areaPath: "LZ\\DAIA15 - DRACARYS",
    parentId: 100,
    pullRequestLinks: ["vstfs:///Git/PullRequestId/celulas-id%2Frepo-id%2F77"],
  };
  const g: ReleaseGateway = {
    getRelease: () => Promise.reject(new Error("not used")),
    updateRelease: () => Promise.reject(new Error("not used")),
    async getWorkItem(id, role) {
      calls.push(`workItem ${id} ${role}`);
      return id === 100 ? { id, title: "EVC00037 - Analítica", pullRequestLinks: [] } : hu;
    },
    async getPullRequest(ref: PullRequestRef) {
      calls.push(`pullRequest ${ref.project}/${ref.repository}/${ref.id}`);
      return PR;
    },
    async listFolders(pr, path) {
      calls.push(`listFolders ${pr.project} ${path}`);
      return ["alm_bana_fco2"];
    },
    async readFile(pr, path) {
      calls.push(`readFile ${pr.project} ${path}`);
      return '{"dsn": "impala-virtual-prd", "zona": "proceso_bana_vp_riesgos"}';
    },
    ...overrides,
  };
  return { g, calls };
}

describe("release tab: Load from HU's calls", () => {
  it("reads the HU, then its parent and its PR (in the PR link's project), then src/ and config.json: 5 calls", async () => {
    const { g, calls } = gateway();
    const draft = await loadFromHu(g, 3224139);
    assert.deepEqual(calls, [
      "workItem 3224139 hu",
      "workItem 100 parent",
      "pullRequest celulas-id/repo-id/77",
      "listFolders celulas-id /src",
      "readFile celulas-id /src/alm_bana_fco2/static/config/config.json",
    ]);
    assert.equal(draft.fields.zona.value, "proceso_bana_vp_riesgos");
    assert.deepEqual(draft.failures, []);
  });

  it("a refused or failed call leaves its values empty with the failure, never 'there is none'", async () => {
    const { g } = gateway({
      getWorkItem: async (id, role) => {
        if (role === "parent") throw new CallFailure({ op: "readWorkItem", workItemId: id, role }, 503);
        return {
          id,
          title: "t",
          areaPath: "A\\B",
          parentId: 100,
          pullRequestLinks: ["vstfs:///Git/PullRequestId/p%2Fr%2F77"],
        };
      },
      readFile: async (pr, path) => {
        throw new CallFailure(
          { op: "readFile", repository: pr.repositoryName, project: pr.project, path, commit: pr.sourceCommit },
          403,
        );
      },
    });
    const draft = await loadFromHu(g, 3224139);
    assert.equal(draft.failures.length, 2);
    assert.match(
      en(draft.fields.codigoPMO.failure!),
      /^Reading the HU's parent, work item 100: Azure DevOps failed \(503\)/,
    );
    assert.equal(draft.fields.codigoPMO.missing, undefined);
    assert.match(
      en(draft.fields.zona.failure!),
      /^Reading \/src\/alm_bana_fco2\/static\/config\/config\.json .*permission denied \(403\)/,
    );
    assert.equal(draft.fields.packageName.value, "alm_bana_fco2", "what could be read is kept");
  });

  it("a PR it cannot read fails its three values; an HU it cannot read fails the load", async () => {
    const denied = new CallFailure({ op: "readPullRequest", pullRequestId: 77, project: "celulas-id" }, 403);
    const { g, calls } = gateway({ getPullRequest: () => Promise.reject(denied) });
    const draft = await loadFromHu(g, 3224139);
    for (const v of ["repositoryName", "packageName", "zona"])
      assert.match(en(draft.fields[v].failure!), /permission denied \(403\)/);
    assert.ok(!calls.some((c) => c.startsWith("listFolders")));
    const hu = new CallFailure({ op: "readWorkItem", workItemId: 1, role: "hu" }, 404);
    await assert.rejects(loadFromHu(gateway({ getWorkItem: () => Promise.reject(hu) }).g, 1), (err) => err === hu);
  });

  it("a bug in a call is not hidden as a missing value: the load fails", async () => {
    const { g } = gateway({ getPullRequest: () => Promise.reject(new TypeError("x is undefined")) });
    await assert.rejects(loadFromHu(g, 3224139), /x is undefined/);
  });

  it("no PR link: the three values say so, and no git call is made", async () => {
    const { g, calls } = gateway({
      getWorkItem: async (id) => ({ id, title: "t", pullRequestLinks: ["vstfs:///Git/Commit/p%2Fr%2Fabc"] }),
    });
    const draft = await loadFromHu(g, 5);
    assert.match(strings("en")(draft.fields.repositoryName.missing!), /no pull request is linked to HU 5/);
    assert.deepEqual(calls, [], "no pull request, listing or file read");
  });
});
