/**
 * VariableGroupGateway over the real Azure DevOps REST client (Library variable groups), with the
 * job's access token and the agent's proxy and certificates. Only the variables' names are read:
 * a secret variable's value never leaves the service (the group is read without loadSecrets).
 */
import { BearerCredentialHandler } from "azure-devops-node-api/handlers/bearertoken";
import { TaskAgentApi } from "azure-devops-node-api/TaskAgentApi";
import type { VariableGroupGateway } from "../../core/api/validateApiInfra";
import { agentRequestOptions } from "../common/workItems";

export function variableGroupGateway(collectionUri: string, project: string, token: string): VariableGroupGateway {
  const api = new TaskAgentApi(
    collectionUri,
    [new BearerCredentialHandler(token)],
    agentRequestOptions(collectionUri),
    "lz-routine-release-kit",
  );
  return {
    async variableNames(group) {
      const groups = await api.getVariableGroups(project, group);
      // The name filter accepts wildcards: the group is the one of exactly that name (case-insensitive).
      const match = (groups ?? []).find((g) => (g.name ?? "").toLowerCase() === group.toLowerCase());
      return match ? new Set(Object.keys(match.variables ?? {})) : undefined;
    },
  };
}
