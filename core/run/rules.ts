import type { Rule } from "../findings/rule";

export const RUN_RULES = [
  {
    code: "RUN001",
    name: "run-error",
    severity: "error",
    category: "logs",
    title: {
      en: "The routine raised an error when run on dev.",
      es: "La rutina produjo un error al ejecutarse en dev.",
    },
    message: { en: "%s error while running the routine: %s", es: "Error (%s) al ejecutar la rutina: %s" },
    fix: {
      en: "Report it to the user as a finding (hallazgo); LZ does not fix user code.",
      es: "Repórtelo al usuario como hallazgo; LZ no corrige código de usuario.",
    },
    why: "Every error of the dev run that dev's limits do not explain is a finding the user must fix before production.",
  },
  {
    code: "RUN002",
    name: "run-error-expected-in-dev",
    severity: "info",
    category: "logs",
    title: {
      en: "An error expected in dev (missing privileges or tables).",
      es: "Un error esperado en dev (privilegios o tablas que faltan).",
    },
    message: { en: "Expected in dev (%s): %s", es: "Esperado en dev (%s): %s" },
    fix: {
      en: "Nothing: dev cannot see every production table. Check it runs in the controlled production test.",
      es: "Nada: dev no ve todas las tablas de producción. Verifíquelo en la prueba controlada en producción.",
    },
    why: "The dev cluster lacks some tables and privileges; those failures say nothing about the routine.",
  },
  {
    code: "RUN003",
    name: "run-exit-code",
    severity: "error",
    category: "logs",
    title: {
      en: "The routine ended with a non-zero exit code.",
      es: "La rutina terminó con un código de salida distinto de cero.",
    },
    message: { en: "The routine ended with exit code %s%s.", es: "La rutina terminó con código de salida %s%s." },
    fix: {
      en: "Read the output log (RunRoutine-output.log) around its end.",
      es: "Revise el log de salida (RunRoutine-output.log) cerca del final.",
    },
    why: "A failing exit code fails the scheduled job in production.",
  },
  {
    code: "RUN004",
    name: "run-timeout",
    severity: "error",
    category: "logs",
    title: {
      en: "The routine did not finish in time and was stopped.",
      es: "La rutina no terminó a tiempo y se detuvo.",
    },
    message: {
      en: "The routine was still running after %s minute(s): it was stopped with its child processes.",
      es: "La rutina seguía ejecutándose después de %s minuto(s): se detuvo junto con sus procesos hijos.",
    },
    fix: {
      en: "Raise timeoutMinutes if the routine is legitimately long, otherwise report the hang.",
      es: "Suba timeoutMinutes si la rutina es larga de verdad; si no, reporte el bloqueo.",
    },
    why: "A hung routine holds the agent and the cluster; in production it would block the scheduling grid (malla).",
  },
] satisfies Rule[];
