/**
 * A fake of the Azure DevOps REST services the release tab calls, on 127.0.0.1, speaking their wire
 * format as the browser's REST clients see it (issue #13):
 *  - two hosts, as in the cloud: the Release area on its own server (vsrm.dev.azure.com) and work
 *    items and Git on the organization's (dev.azure.com); the host page's location service says
 *    which is where;
 *  - answers shaped by the request's Accept header, as the real services do: `msDateFormat=true`
 *    → dates as `"\/Date(n)\/"` in the JSON text (else ISO 8601), `enumsAsNumbers=true` → enums as
 *    numbers, `noArrayWrap=true` → a bare array (else `{count, value}`), `text/plain` → a file's text;
 *  - a bearer token is required; errors carry real status codes and the JSON error bodies
 *    (`$id`, `message` with its TF code, `typeKey`…) Azure DevOps sends;
 *  - a project in the route must be the resource's own: a pull request read in another project is a
 *    404 (TF401180), as on the real service; a work item read under another project's route is
 *    answered the same way (what issue #13 reports for a parent in another project), and work items
 *    are served without a project, by id alone;
 *  - a PUT of a release stores its variables and description and bumps modifiedOn;
 *  - CORS, since the extension's page is on another origin than the services.
 * Every request (but CORS preflights and the host page's own reads) is recorded with its timing,
 * body and answer, for the tests' assertions.
 */
import * as http from "http";

export const ORG = "banco";

export interface Project {
  id: string;
  name: string;
}

export const PROJECTS = {
  lz: { id: "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c", name: "LZ Rutinas" },
  celulas: { id: "3b1c8a1e-5f0d-4c43-9c1e-7b2a0f6d9e11", name: "Celula DRACARYS" },
  pmo: { id: "a7e2c4d0-1b9f-4e6a-8d3c-5f0b2e9a7c44", name: "PMO Analitica" },
} satisfies Record<string, Project>;

export const REPO = {
  id: "9a1f3c5e-7b2d-4e8f-a0c6-1d3e5f7a9b2c",
  name: "bana-vrie-calendarizacion-fco2",
  project: PROJECTS.celulas,
};
export const COMMIT = "5c2f9a7e1b3d4c6e8f0a2b4c6d8e0f1a3b5c7d9e";

/** A JSON value whose dates are `Date` objects: serialized per request like the real services do. */
type Json = unknown;

export interface StoredRelease {
  project: Project;
  body: Record<string, Json>;
}

export interface StoredWorkItem {
  project: Project;
  id: number;
  fields: Record<string, Json>;
  relations: Array<{ rel: string; url: string; attributes?: Record<string, Json> }>;
}

export interface StoredPullRequest {
  project: Project;
  body: Record<string, Json>;
}

export interface FailureRule {
  /** Matched against "METHOD /path" (path decoded, without the query). */
  match: RegExp;
  status: number;
  /** How many matching requests fail (default: all). */
  times?: number;
}

export interface FakeState {
  token: string;
  releases: Record<number, StoredRelease>;
  workItems: Record<number, StoredWorkItem>;
  pullRequests: Record<number, StoredPullRequest>;
  /** path → text, at COMMIT of REPO. */
  files: Record<string, string>;
  failures: FailureRule[];
  /** Added to every answer, so that calls made in parallel are seen overlapping. */
  delayMs: number;
}

export interface RecordedRequest {
  server: "dev" | "vsrm";
  method: string;
  /** Decoded path, without the query. */
  path: string;
  query: Record<string, string>;
  accept: string;
  authorization: string;
  requestBody: string;
  status: number;
  responseBody: string;
  start: number;
  end: number;
}

const RELEASE_STATUS: Record<string, number> = { undefined: 0, draft: 1, active: 2, abandoned: 4 };
const RELEASE_REASON: Record<string, number> = { none: 0, manual: 1, continuousIntegration: 2, schedule: 3 };
const ENVIRONMENT_STATUS: Record<string, number> = { undefined: 0, notStarted: 1, inProgress: 2, succeeded: 4 };
const PR_STATUS: Record<string, number> = { notSet: 0, active: 1, abandoned: 2, completed: 3 };
const OBJECT_TYPE: Record<string, number> = { commit: 1, tree: 2, blob: 3 };
/** Which object keys hold which enum: the ones the fake serves. */
const ENUMS: Record<string, Record<string, number>> = {
  // A replacer sees a key without its parent: a release's and its stages' status share one table
  // (their names do not collide).
  "release.status": { ...ENVIRONMENT_STATUS, ...RELEASE_STATUS },
  "release.reason": RELEASE_REASON,
  "pullRequest.status": PR_STATUS,
  "item.gitObjectType": OBJECT_TYPE,
};
const RELEASE_ENUMS = (key: string) =>
  key === "status" ? "release.status" : key === "reason" ? "release.reason" : undefined;

const identity = (name: string, id: string) => ({
  displayName: name,
  id,
  uniqueName: `${name.toLowerCase().replace(/\s+/g, ".")}@banco.com.co`,
  descriptor: `aad.${Buffer.from(id).toString("base64").slice(0, 22)}`,
});

/**
 * The organization as the tests find it: release 42 and the HU in LZ's project; the HU's parent (the
 * PMO's epic) and its pull request (the célula's repository) each in another project.
 */
export function seedState(devBase: string): FakeState {
  const created = new Date("2026-11-20T14:05:09.317Z");
  return {
    token: "fake-host-token-7f3a",
    delayMs: 40,
    failures: [],
    releases: {
      42: {
        project: PROJECTS.lz,
        body: {
          id: 42,
          name: "Release-42",
          status: "active",
          reason: "manual",
          createdOn: created,
          modifiedOn: new Date("2026-11-23T10:00:00.123Z"),
          createdBy: identity("Laura Rojas", "b1d2e3f4-0001-4a5b-9c8d-000000000001"),
          modifiedBy: identity("Laura Rojas", "b1d2e3f4-0001-4a5b-9c8d-000000000001"),
          createdFor: identity("Laura Rojas", "b1d2e3f4-0001-4a5b-9c8d-000000000001"),
          description: "",
          keepForever: false,
          logsContainerUrl: `https://vsrm.dev.azure.com/${ORG}/${PROJECTS.lz.id}/_apis/Release/releases/42/logs`,
          releaseNameFormat: "Release-$(rev:r)",
          definitionSnapshotRevision: 3,
          releaseDefinitionRevision: 12,
          releaseDefinition: { id: 7, name: "rutinas LZ", path: "\\" },
          projectReference: { id: PROJECTS.lz.id, name: null },
          tags: [],
          triggeringArtifactAlias: "_alm-bana-fco2",
          variableGroups: [],
          artifacts: [
            {
              alias: "_alm-bana-fco2",
              type: "Build",
              isPrimary: true,
              isRetained: false,
              definitionReference: {
                version: { id: "20220111.1", name: "20220111.1" },
                definition: { id: "31", name: "alm-bana-fco2" },
              },
            },
          ],
          variables: {
            codigoPMO: { value: "" },
            "Nombre Celula": { value: "" },
            nombreContacto: { value: "Ana Gomez", allowOverride: true },
            numeroContacto: { value: "" },
            repositoryName: { value: "" },
            packageName: { value: "" },
            zona: { value: "" },
            periodicidad: { value: "Diaria" },
            claveImpala: { value: null, isSecret: true },
            otraVariable: { value: "no tocar" },
          },
          environments: [
            {
              id: 101,
              releaseId: 42,
              name: "Deploy DEV",
              status: "notStarted",
              rank: 1,
              definitionEnvironmentId: 1,
              createdOn: created,
              modifiedOn: created,
              variables: {},
              variableGroups: [],
              deploySteps: [],
            },
            {
              id: 102,
              releaseId: 42,
              name: "Dev Validation",
              status: "notStarted",
              rank: 2,
              definitionEnvironmentId: 2,
              createdOn: created,
              modifiedOn: created,
              scheduledDeploymentTime: new Date("2026-11-24T06:00:00Z"),
              variables: { zona: { value: "zona_etapa" } },
              variableGroups: [],
              deploySteps: [],
            },
          ],
          properties: {},
        },
      },
    },
    workItems: {
      3224139: {
        project: PROJECTS.lz,
        id: 3224139,
        fields: {
          "System.AreaPath": `${PROJECTS.lz.name}\\DAIA15 - DRACARYS`,
          "System.TeamProject": PROJECTS.lz.name,
          "System.WorkItemType": "User Story",
          "System.State": "Active",
          "System.Title": "(Daniel Andres Varon Quesada) Circular 32 - Ingestion Fuente conocida SULEAS",
          "System.Description":
            "<div><b>Necesidad:</b> calcular el calendario<script>alert('x')</script></div><div>Solución: rutina nueva</div><div>Beneficio: reportes a tiempo</div><div>Impacto: ninguno</div>",
          "System.CreatedDate": new Date("2026-10-02T15:12:44.87Z"),
          "System.ChangedDate": new Date("2026-11-19T09:30:00Z"),
        },
        relations: [
          {
            rel: "System.LinkTypes.Hierarchy-Reverse",
            url: `${devBase}/${ORG}/_apis/wit/workItems/100`,
            attributes: { isLocked: false, name: "Parent" },
          },
          {
            rel: "ArtifactLink",
            url: `vstfs:///Git/PullRequestId/${PROJECTS.celulas.id}%2F${REPO.id}%2F77`,
            attributes: {
              authorizedDate: new Date("2026-11-18T16:00:00Z"),
              id: 5120,
              resourceCreatedDate: new Date("2026-11-18T16:00:00Z"),
              name: "Pull Request",
            },
          },
        ],
      },
      100: {
        project: PROJECTS.pmo,
        id: 100,
        fields: {
          "System.AreaPath": PROJECTS.pmo.name,
          "System.TeamProject": PROJECTS.pmo.name,
          "System.WorkItemType": "Epic",
          "System.Title": "EVC00037 - Analítica avanzada",
          "System.CreatedDate": new Date("2026-01-15T12:00:00Z"),
        },
        relations: [],
      },
    },
    pullRequests: {
      77: {
        project: PROJECTS.celulas,
        body: {
          pullRequestId: 77,
          codeReviewId: 77,
          status: "completed",
          title: "Calendario FCO2",
          sourceRefName: "refs/heads/feature/calendario",
          targetRefName: "refs/heads/main",
          mergeStatus: 3,
          isDraft: false,
          creationDate: new Date("2026-11-18T15:40:00Z"),
          closedDate: new Date("2026-11-19T08:00:00Z"),
          createdBy: identity("Daniel Varon", "b1d2e3f4-0002-4a5b-9c8d-000000000002"),
          repository: { id: REPO.id, name: REPO.name, project: { ...REPO.project, state: 1, visibility: 0 } },
          lastMergeSourceCommit: { commitId: COMMIT },
          lastMergeTargetCommit: { commitId: "0".repeat(40) },
        },
      },
    },
    files: {
      "/README.md": "# bana-vrie-calendarizacion-fco2\n",
      "/src/alm_bana_fco2/__init__.py": "",
      "/src/alm_bana_fco2/static/config/config.json":
        '{\n  "dsn": "impala-virtual-prd",\n  "zona": "proceso_bana_vp_riesgos"\n}\n',
    },
  };
}

/** Azure DevOps' JSON error body. */
function errorBody(message: string, typeKey: string): string {
  return JSON.stringify({
    $id: "1",
    innerException: null,
    message,
    typeName: `Microsoft.TeamFoundation.${typeKey}, Microsoft.TeamFoundation.Server.Core`,
    typeKey,
    errorCode: 0,
    eventId: 3000,
  });
}

function defaultError(status: number, path: string): string {
  if (status === 401)
    return errorBody(
      "TF400813: The user '' is not authorized to access this resource.",
      "UnauthorizedRequestException",
    );
  if (status === 403) {
    if (/\/_apis\/git\//i.test(path))
      return errorBody(
        "TF401027: You need the Git 'GenericRead' permission to perform this action. Details: identity 'Laura Rojas', scope 'repository'.",
        "GitNeedsPermissionException",
      );
    if (/\/_apis\/release\//i.test(path))
      return errorBody(
        "VS402904: Access denied: User Laura Rojas does not have permission to manage releases.",
        "AccessCheckException",
      );
    return errorBody(
      "TF401289: The current user does not have permissions to read work items in this area.",
      "WorkItemUnauthorizedAccessException",
    );
  }
  if (status === 404) return errorBody("TF400898: The resource could not be found.", "NotFoundException");
  return errorBody(
    "TF400898: An Internal Error Occurred. Activity Id: 6d5f0c1e-3a2b-4c8d-9e7f-1a2b3c4d5e6f.",
    "InternalServerErrorException",
  );
}

/** The JSON text of `value` as the Accept header asks: ms dates or ISO, enums as numbers or names. */
function serialize(value: Json, accept: string, enumContext?: (key: string) => string | undefined): string {
  const msDates = /msDateFormat=true/i.test(accept);
  const enumsAsNumbers = /enumsAsNumbers=true/i.test(accept);
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return msDates ? `__MS_DATE__${raw.getTime()}__` : raw.toISOString();
    const table = enumContext?.(key);
    if (enumsAsNumbers && table && typeof v === "string" && v in ENUMS[table]) return ENUMS[table][v];
    return v;
  });
  // The JSON text of an MS date escapes its slashes: "\/Date(1795428000123)\/".
  return text.replace(/"__MS_DATE__(-?\d+)__"/g, '"\\/Date($1)\\/"');
}

const wrap = (items: Json[], accept: string) =>
  /noArrayWrap=true/i.test(accept) ? items : { count: items.length, value: items };

/** Reads dates back from a JSON body (ISO or MS) at the keys that hold dates. */
function reviveDates(value: Json, key = ""): Json {
  if (typeof value === "string" && /(On|Time|Date)$/.test(key)) {
    const ms = /^\/Date\((-?\d+)\)\/$/.exec(value);
    if (ms) return new Date(Number(ms[1]));
    if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  }
  if (Array.isArray(value)) return value.map((v) => reviveDates(v));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, key === "variables" ? v : reviveDates(v, k)]));
  return value;
}

const sameProject = (route: string | undefined, project: Project) =>
  route === undefined || route.toLowerCase() === project.id || route.toLowerCase() === project.name.toLowerCase();

interface Answer {
  status: number;
  body: string;
  type?: string;
}

export class FakeDevOpsRest {
  readonly requests: RecordedRequest[] = [];
  state: FakeState;
  devBase = "";
  vsrmBase = "";
  private servers: http.Server[] = [];

  constructor() {
    this.state = seedState("");
  }

  async start(): Promise<this> {
    const listen = async (kind: "dev" | "vsrm") => {
      const server = http.createServer((req, res) => void this.handle(kind, req, res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      this.servers.push(server);
      return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    };
    this.devBase = await listen("dev");
    this.vsrmBase = await listen("vsrm");
    this.reset();
    return this;
  }

  /** Back to the seeded organization, no recorded requests. */
  reset(): void {
    this.state = seedState(this.devBase);
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))),
    );
  }

  /** The collection URL of each server, as the location service gives them (with the trailing slash). */
  get collectionUrl(): string {
    return `${this.devBase}/${ORG}/`;
  }
  get releaseAreaUrl(): string {
    return `${this.vsrmBase}/${ORG}/`;
  }

  /** Someone else saves the release: a variable changes, modifiedOn moves on. */
  saveBySomeoneElse(releaseId: number, variable: string, value: string): void {
    const body = this.state.releases[releaseId].body as any;
    body.variables[variable] = { ...(body.variables[variable] ?? {}), value };
    body.modifiedOn = new Date(Math.max(Date.now(), body.modifiedOn.getTime() + 1000));
    body.modifiedBy = identity("Pedro Perez", "b1d2e3f4-0003-4a5b-9c8d-000000000003");
  }

  /** The product's requests (not the host page's own). */
  calls(): RecordedRequest[] {
    return this.requests.filter((r) => !r.path.startsWith("/__host/"));
  }

  private async handle(server: "dev" | "vsrm", req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    const cors = {
      "Access-Control-Allow-Origin": origin ?? "*",
      "Access-Control-Allow-Methods": "GET, PUT, PATCH, POST, DELETE, OPTIONS",
      "Access-Control-Allow-Headers":
        "authorization, content-type, x-vss-reauthenticationaction, x-tfs-fedauthredirect, x-tfs-session, x-vss-forcemsapassthrough",
      "Access-Control-Max-Age": "600",
      Vary: "Origin",
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors).end();
      return;
    }
    const start = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const requestBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    const accept = String(req.headers.accept ?? "");
    const authorization = String(req.headers.authorization ?? "");
    let answer: Answer;
    try {
      answer = this.answer(server, req.method ?? "GET", path, query, accept, authorization, requestBody);
    } catch (err) {
      answer = { status: 500, body: errorBody(`fake: ${(err as Error).message}`, "InternalServerErrorException") };
    }
    await new Promise((resolve) => setTimeout(resolve, this.state.delayMs));
    this.requests.push({
      server,
      method: req.method ?? "GET",
      path,
      query,
      accept,
      authorization,
      requestBody,
      status: answer.status,
      responseBody: answer.body,
      start,
      end: Date.now(),
    });
    res
      .writeHead(answer.status, {
        ...cors,
        "Content-Type": `${answer.type ?? "application/json"}; charset=utf-8`,
        ...(answer.status === 401
          ? { "WWW-Authenticate": "Bearer authorization_uri=https://login.microsoftonline.com/" }
          : {}),
      })
      .end(answer.body);
  }

  private answer(
    server: "dev" | "vsrm",
    method: string,
    path: string,
    query: Record<string, string>,
    accept: string,
    authorization: string,
    requestBody: string,
  ): Answer {
    const json = (value: Json, enumContext?: (key: string) => string | undefined): Answer => ({
      status: 200,
      body: serialize(value, accept, enumContext),
    });
    const notFound = (message: string, typeKey = "NotFoundException"): Answer => ({
      status: 404,
      body: errorBody(message, typeKey),
    });

    // The host page's own read of the release it hands the tab (not a call of the product).
    const hostRelease = /^\/__host\/release\/(\d+)$/.exec(path);
    if (hostRelease) {
      const stored = this.state.releases[Number(hostRelease[1])];
      return stored ? { status: 200, body: JSON.stringify(stored.body) } : notFound("no such release");
    }

    if (authorization !== `Bearer ${this.state.token}`) return { status: 401, body: defaultError(401, path) };
    const rule = this.state.failures.find((f) => f.match.test(`${method} ${path}`) && (f.times ?? 1) > 0);
    if (rule) {
      if (rule.times !== undefined) rule.times--;
      return { status: rule.status, body: defaultError(rule.status, path) };
    }

    const release = new RegExp(`^/${ORG}/([^/]+)/_apis/release/releases/(\\d+)$`, "i").exec(path);
    if (release) {
      if (server !== "vsrm") return notFound("The controller for this path was not found.", "HttpException");
      const id = Number(release[2]);
      const stored = this.state.releases[id];
      if (!stored || !sameProject(release[1], stored.project))
        return notFound(`VS402880: Release with id ${id} does not exist.`, "ReleaseNotFoundException");
      if (method === "GET") return json(stored.body, RELEASE_ENUMS);
      if (method === "PUT") {
        const body = reviveDates(JSON.parse(requestBody)) as Record<string, any>;
        if (body.id !== id)
          return {
            status: 400,
            body: errorBody("VS402982: The release id in the body does not match.", "InvalidRequestException"),
          };
        const current = stored.body as Record<string, any>;
        current.variables = body.variables;
        current.description = body.description;
        current.modifiedOn = new Date(Math.max(Date.now(), current.modifiedOn.getTime() + 1000));
        return json(stored.body, RELEASE_ENUMS);
      }
      return { status: 405, body: errorBody("Method not allowed.", "HttpException") };
    }

    if (server !== "dev") return notFound("The controller for this path was not found.", "HttpException");

    const workItem = new RegExp(`^/${ORG}/(?:([^/]+)/)?_apis/wit/workItems/(\\d+)$`, "i").exec(path);
    if (workItem && method === "GET") {
      const item = this.state.workItems[Number(workItem[2])];
      if (!item || !sameProject(workItem[1], item.project))
        return notFound(
          `TF401232: Work item ${workItem[2]} does not exist, or you do not have permissions to read it.`,
          "WorkItemUnauthorizedAccessException",
        );
      const expand = (query.$expand ?? "").toLowerCase();
      const withRelations = expand === "1" || expand === "4" || expand === "relations" || expand === "all";
      return json({
        id: item.id,
        rev: 14,
        fields: item.fields,
        ...(withRelations ? { relations: item.relations } : {}),
        url: `${this.devBase}/${ORG}/${item.project.id}/_apis/wit/workItems/${item.id}`,
      });
    }

    const pr = new RegExp(`^/${ORG}/([^/]+)/_apis/git/pullRequests/(\\d+)$`, "i").exec(path);
    if (pr && method === "GET") {
      const stored = this.state.pullRequests[Number(pr[2])];
      if (!stored || !sameProject(pr[1], stored.project))
        return notFound(`TF401180: The requested pull request was not found.`, "GitPullRequestNotFoundException");
      return json(stored.body, (key) => (key === "status" ? "pullRequest.status" : undefined));
    }

    const items = new RegExp(`^/${ORG}/([^/]+)/_apis/git/repositories/([^/]+)/items$`, "i").exec(path);
    if (items && method === "GET") {
      if (!sameProject(items[1], REPO.project) || (items[2] !== REPO.id && items[2] !== REPO.name))
        return notFound(
          `TF401019: The Git repository with name or identifier ${items[2]} does not exist or you do not have permissions for the operation you are attempting.`,
          "GitRepositoryNotFoundException",
        );
      const version = query["versionDescriptor.version"];
      const versionType = query["versionDescriptor.versionType"];
      if (version !== COMMIT || (versionType !== "2" && versionType?.toLowerCase() !== "commit"))
        return notFound(
          `TF401175: The version descriptor <${versionType}: ${version}> could not be resolved to a version in the repository ${REPO.name}`,
          "GitUnresolvableToCommitException",
        );
      const notThere = (p: string) =>
        notFound(
          `TF401174: The item '${p}' could not be found in the repository '${REPO.name}' at the version specified by '<Commit: ${COMMIT.slice(0, 8)}>' (resolved from '<Commit: ${COMMIT}>').`,
          "GitItemNotFoundException",
        );
      if (query.path !== undefined && /^text\/plain/i.test(accept)) {
        const text = this.state.files[query.path];
        return text === undefined ? notThere(query.path) : { status: 200, body: text, type: "text/plain" };
      }
      const scope = (query.scopePath ?? query.path ?? "/").replace(/\/+$/, "") || "/";
      const oneLevel = query.recursionLevel === "1" || query.recursionLevel?.toLowerCase() === "onelevel";
      const paths = new Set<string>();
      for (const file of Object.keys(this.state.files)) {
        if (!file.startsWith(`${scope === "/" ? "" : scope}/`)) continue;
        const rest = file.slice(scope === "/" ? 1 : scope.length + 1).split("/");
        paths.add(`${scope === "/" ? "" : scope}/${rest[0]}${rest.length > 1 ? "/" : ""}`);
      }
      if (!paths.size) return notThere(scope);
      const entry = (p: string, folder: boolean) => ({
        objectId: Buffer.from(p).toString("hex").slice(0, 40).padEnd(40, "0"),
        gitObjectType: folder ? "tree" : "blob",
        commitId: COMMIT,
        path: p,
        ...(folder ? { isFolder: true } : {}),
        url: `${this.devBase}/${ORG}/${REPO.project.id}/_apis/git/repositories/${REPO.id}/items?path=${encodeURIComponent(p)}`,
      });
      const listing = [
        entry(scope, true),
        ...(oneLevel ? [...paths].sort().map((p) => entry(p.replace(/\/$/, ""), p.endsWith("/"))) : []),
      ];
      return json(wrap(listing, accept), (key) => (key === "gitObjectType" ? "item.gitObjectType" : undefined));
    }

    return notFound(`The resource ${method} ${path} is not served by the fake.`, "HttpException");
  }
}
