import { strict as assert } from "assert";
import { commandFromString } from "azure-pipelines-task-lib/taskcommand";
import { AGENT_COMMAND_BREAK, holdsAgentCommand, neutralizeAgentCommands } from "../../core/logSafe";

/** What the agent does with a printed line: finds `##vso[` anywhere (ordinal) and parses from there. */
function agentWouldRun(line: string): boolean {
  const at = line.indexOf("##vso[");
  if (at < 0) return false;
  try {
    commandFromString(line.slice(at));
    return true;
  } catch {
    return false;
  }
}

describe("neutralizing agent commands in outside text", () => {
  const attacks = [
    "##vso[task.setvariable variable=INJECTED]pwned",
    "progreso 50% ##vso[task.complete result=Succeeded;]done",
    "###vso[task.setvariable variable=A]x",
    "##VSO[task.setvariable variable=A]x",
    "##vso[##vso[task.setvariable variable=A]x",
  ];

  it("breaks ##vso[ anywhere in a line, so the agent's parser finds no command", () => {
    for (const line of attacks) {
      assert.ok(agentWouldRun(line.replace("##VSO[", "##vso[")), `the attack itself parses: ${line}`);
      const safe = neutralizeAgentCommands(line);
      assert.equal(safe.includes("##vso["), false, safe);
      assert.equal(/##vso\[/i.test(safe), false, safe);
      assert.equal(agentWouldRun(safe), false, safe);
      assert.equal(holdsAgentCommand(safe), false, safe);
    }
  });

  it("breaks ##[ at the start of a line (after blanks), not in the middle", () => {
    assert.equal(neutralizeAgentCommands("##[error]falso"), `#${AGENT_COMMAND_BREAK}#[error]falso`);
    assert.equal(neutralizeAgentCommands("  \t##[group]x"), `  \t#${AGENT_COMMAND_BREAK}#[group]x`);
    assert.equal(neutralizeAgentCommands("lista ##[1] en medio"), "lista ##[1] en medio");
  });

  it("treats each line of a text that still holds \\r or \\n", () => {
    const safe = neutralizeAgentCommands("ok\r##[warning]x\n##vso[task.setvariable variable=B]y\r\n  ##[error]z");
    for (const line of safe.split(/\r\n|\r|\n/)) {
      assert.equal(holdsAgentCommand(line), false, line);
      assert.equal(agentWouldRun(line), false, line);
    }
  });

  it("keeps the text readable: only the zero-width marker is added, and ordinary text is untouched", () => {
    const line = "##vso[task.setvariable variable=INJECTED]pwned";
    assert.equal(neutralizeAgentCommands(line).replaceAll(AGENT_COMMAND_BREAK, ""), line);
    for (const plain of ["", "Iniciando rutina", "# comentario ## título", "año ñ €", "x".repeat(10000)])
      assert.equal(neutralizeAgentCommands(plain), plain);
  });

  it("is idempotent", () => {
    for (const line of attacks) {
      const once = neutralizeAgentCommands(line);
      assert.equal(neutralizeAgentCommands(once), once);
    }
  });
});
