/**
 * WorkItemGateway over the real Azure DevOps REST client (azure-devops-node-api), authenticated
 * with the job's access token, through the agent's proxy and certificates. Not a task; tasks import it.
 */
import { Readable } from "stream";
import tl = require("azure-pipelines-task-lib/task");
import type { IRequestOptions } from "azure-devops-node-api/interfaces/common/VsoBaseInterfaces";
// The client classes are imported one by one: the package's WebApi entry pulls in every
// service client (about 1 MB in a bundle).
import { BearerCredentialHandler } from "azure-devops-node-api/handlers/bearertoken";
import { WorkItemTrackingApi } from "azure-devops-node-api/WorkItemTrackingApi";
import type { WorkItemGateway } from "../../core/findings/huComment";

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(what: Promise<T>): Promise<T> {
  try {
    return await what;
  } catch (err) {
    const e = err as Error & { statusCode?: number };
    throw new HttpError(e.message, e.statusCode ?? 0);
  }
}

/**
 * How the agent reaches Azure DevOps, as Microsoft's own tasks pass it to the REST client: its proxy
 * (a bank's agents sit behind one; the bypass list is honoured), its certificate settings (CA bundle,
 * client certificate) and a bounded number of retries on transient failures.
 */
export function agentRequestOptions(url: string): IRequestOptions {
  const proxy = tl.getHttpProxyConfiguration(url);
  if (proxy?.proxyPassword) tl.setSecret(proxy.proxyPassword);
  const cert = tl.getHttpCertConfiguration();
  if (cert?.passphrase) tl.setSecret(cert.passphrase);
  return {
    ...(proxy ? { proxy } : {}),
    ...(cert ? { cert } : {}),
    ignoreSslError: tl.getVariable("Agent.SkipCertValidation")?.toLowerCase() === "true",
    allowRetries: true,
    maxRetries: 3,
    socketTimeout: 60_000,
  };
}

export function workItemGateway(
  collectionUri: string,
  project: string,
  token: string,
  options: IRequestOptions = agentRequestOptions(collectionUri),
): WorkItemGateway {
  const wit = Promise.resolve(
    new WorkItemTrackingApi(collectionUri, [new BearerCredentialHandler(token)], options, "lz-routine-release-kit"),
  );
  return {
    async listComments(id) {
      const list = await call((await wit).getComments(project, id, 200));
      return (list.comments ?? []).map((c) => ({ id: c.id ?? 0, text: c.text ?? "" }));
    },
    async addComment(id, html) {
      const comment = await call((await wit).addComment({ text: html }, project, id));
      return comment.id ?? 0;
    },
    async updateComment(id, commentId, html) {
      await call((await wit).updateComment({ text: html }, project, id, commentId));
    },
    async listAttachments(id) {
      // 1 = WorkItemExpand.Relations
      const item = await call((await wit).getWorkItem(id, undefined, undefined, 1, project));
      return (item.relations ?? [])
        .filter((r) => r.rel === "AttachedFile" && r.url)
        .map((r) => ({ name: String(r.attributes?.name ?? r.url!.split("/").pop()), url: r.url! }));
    },
    async download(url, name) {
      const api = await wit;
      const attachmentId = url.split("/").pop()!.split("?")[0];
      // The response stream itself, not a buffer of it: the caller stops reading at its size bound.
      return (await call(api.getAttachmentContent(attachmentId, name, project, true))) as AsyncIterable<Uint8Array>;
    },
    async attachFile(id, fileName, content, comment) {
      const api = await wit;
      const attachment = await call(api.createAttachment(null, Readable.from([content]), fileName, undefined, project));
      await call(
        api.updateWorkItem(
          null,
          [
            {
              op: "add",
              path: "/relations/-",
              value: { rel: "AttachedFile", url: attachment.url, attributes: { comment } },
            },
          ] as never,
          id,
          project,
        ),
      );
    },
  };
}
