import { strict as assert } from "assert";
import {
  boundDetail,
  Call,
  CallFailure,
  describeFailure,
  failureKind,
  MAX_DETAIL,
} from "../../../core/release/failure";
import type { Message } from "../../../core/i18n/catalogue";
import { parsePullRequestLink, workItemIdFromUrl } from "../../../core/release/links";
import { strings } from "../../../hub/strings";

const PR: Call = { op: "readPullRequest", pullRequestId: 77, project: "Celula DRACARYS" };
const en = strings("en");
const es = strings("es");

/** Every key a message uses, nested ones included. */
function keysOf(message: Message): string[] {
  return [message.key, ...message.args.flatMap((v) => (typeof v === "object" ? keysOf(v) : []))];
}

describe("release tab: a failed call is said as what it is (issue #13)", () => {
  it("classifies by status: sign-in, permission, not found, server, throttling, network", () => {
    assert.deepEqual(
      [401, 403, 404, 400, 429, 500, 503, 418, undefined].map((s) => failureKind(s)),
      [
        "unauthorized",
        "forbidden",
        "notFound",
        "badRequest",
        "throttled",
        "server",
        "server",
        "unexpected",
        "unexpected",
      ],
    );
    assert.equal(failureKind(undefined, true), "network");
  });

  it("a 403 on the pull request names the call, the permission and the scope, in English and Spanish", () => {
    const message = describeFailure(
      new CallFailure(PR, 403, "TF401027: You need the Git 'GenericRead' permission to perform this action."),
    );
    assert.equal(
      en(message),
      "Reading pull request 77 (project Celula DRACARYS): permission denied (403). You need “Read” on the repository (Repos › Security) (scope vso.code): ask a project administrator. Azure DevOps said: “TF401027: You need the Git 'GenericRead' permission to perform this action.”",
    );
    assert.match(
      es(message),
      /^Al leer el pull request 77 \(proyecto Celula DRACARYS\): permiso denegado \(403\)\. Necesita “Leer” \(Read\) en el repositorio/,
    );
  });

  it("never says 'absent' for a refusal or a server error, and names each call's permission", () => {
    const cases: Array<[Call, number | undefined, RegExp]> = [
      [
        { op: "readWorkItem", workItemId: 100, role: "parent" },
        500,
        /^Reading the HU's parent, work item 100: Azure DevOps failed \(500\): nothing was changed/,
      ],
      [
        { op: "readWorkItem", workItemId: 1, role: "hu" },
        404,
        /^Reading HU 1: not found \(404\): it does not exist, or you lack “View work items in this node”/,
      ],
      [
        { op: "readRelease", releaseId: 42, project: "LZ" },
        401,
        /^Reading release 42 \(project LZ\): Azure DevOps did not accept the sign-in \(401\).*scope vso\.release\.$/,
      ],
      [
        { op: "updateRelease", releaseId: 42, project: "LZ" },
        403,
        /“Manage releases” on the release pipeline \(scope vso\.release_execute\)/,
      ],
      [
        { op: "updateRelease", releaseId: 42, project: "LZ" },
        502,
        /failed \(502\) while saving: the save may or may not have been applied/,
      ],
      [
        {
          op: "readFile",
          repository: "r",
          project: "p",
          path: "/src/a/static/config/config.json",
          commit: "5c2f9a7e1b3d",
        },
        429,
        /^Reading \/src\/a\/static\/config\/config\.json of repository r at commit 5c2f9a7e: Azure DevOps is limiting requests \(429\)/,
      ],
      [
        { op: "listFolders", repository: "r", project: "p", path: "/src", commit: "5c2f9a7e" },
        undefined,
        /^Listing \/src of repository r at commit 5c2f9a7e: Azure DevOps answered -/,
      ],
    ];
    for (const [call, status, expected] of cases)
      assert.match(en(describeFailure(new CallFailure(call, status))), expected);
    assert.match(
      en(describeFailure(new CallFailure(PR, undefined, "TF400893: Unable to contact the server.", true))),
      /Azure DevOps could not be reached: check the connection and try again\. Azure DevOps said: “TF400893/,
    );
  });

  it("bounds Azure DevOps' own text: one line, no control characters, at most MAX_DETAIL characters", () => {
    assert.equal(boundDetail("a\u0000b\r\n\tc\u001b[31m"), "a b c [31m");
    assert.equal(boundDetail("x".repeat(5000))!.length, MAX_DETAIL);
    assert.equal(boundDetail("  \n "), undefined);
    assert.equal(new CallFailure(PR, 500, "<html>".repeat(200)).detail!.length, MAX_DETAIL);
  });

  it("every key it can produce exists in both languages, and nothing is left unreplaced", () => {
    for (const kind of [401, 403, 404, 400, 429, 500, 418])
      for (const call of [PR, { op: "updateRelease", releaseId: 1, project: "p" } as Call]) {
        const message = describeFailure(new CallFailure(call, kind, "detalle"));
        for (const key of keysOf(message)) assert.match(key, /^Tab(Failure|Call|Reason|Perm)/, key);
        for (const t of [en, es])
          assert.doesNotMatch(t(message), /%[a-z]|(^|[^A-Za-z])(call|reason|perm)\./, t(message));
      }
  });
});

describe("release tab: following a work item's links", () => {
  it("reads the project, repository and id a pull request link names", () => {
    assert.deepEqual(
      parsePullRequestLink("vstfs:///Git/PullRequestId/3b1c8a1e-5f0d-4c43-9c1e-7b2a0f6d9e11%2F9a1f3c5e-7b2d%2F77"),
      { project: "3b1c8a1e-5f0d-4c43-9c1e-7b2a0f6d9e11", repository: "9a1f3c5e-7b2d", id: 77 },
    );
    assert.deepEqual(parsePullRequestLink("vstfs:///git/pullrequestid/Celula%20DRACARYS%2frepo%2f5"), {
      project: "Celula DRACARYS",
      repository: "repo",
      id: 5,
    });
    for (const bad of [
      "vstfs:///Git/Commit/p%2Fr%2Fabc",
      "vstfs:///Git/PullRequestId/p%2Fr",
      "vstfs:///Git/PullRequestId/p%2Fr%2Fx1",
      "vstfs:///Git/PullRequestId/%E0%A4%A",
    ])
      assert.equal(parsePullRequestLink(bad), undefined, bad);
  });

  it("reads a work item's id from its URL, with or without a project in it", () => {
    assert.equal(workItemIdFromUrl("https://dev.azure.com/banco/_apis/wit/workItems/100"), 100);
    assert.equal(workItemIdFromUrl("https://dev.azure.com/banco/a7e2c4d0/_apis/wit/workitems/100/"), 100);
    assert.equal(workItemIdFromUrl("https://dev.azure.com/banco/_apis/wit/workItems/100/revisions/3"), undefined);
  });
});
