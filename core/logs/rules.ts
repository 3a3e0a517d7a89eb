import type { Rule } from "../findings/rule";

export const LOG_RULES = [
  {
    code: "LOG001",
    name: "too-few-logs",
    severity: "error",
    category: "logs",
    title: { en: "Fewer run logs than required.", es: "Menos logs de ejecución de los requeridos." },
    message: {
      en: "%s log file(s) found, at least %s are required: %s.",
      es: "Se encontraron %s archivo(s) de log y se requieren al menos %s: %s.",
    },
    fix: {
      en: "Ask the user to attach the logs of at least that many scheduled runs to the HU.",
      es: "Pida al usuario adjuntar a la HU los logs de al menos esa cantidad de ejecuciones programadas.",
    },
    why: "Before LZ spends time on a routine, its own logs must prove it has run repeatedly (team review checklist).",
  },
  {
    code: "LOG002",
    name: "too-few-days",
    severity: "error",
    category: "logs",
    title: { en: "The logs do not cover enough different days.", es: "Los logs no cubren suficientes días distintos." },
    message: {
      en: "The runs cover %s day(s) (%s); at least %s are required.",
      es: "Las ejecuciones cubren %s día(s) (%s); se requieren al menos %s.",
    },
    fix: { en: "Ask for logs of runs on different days.", es: "Pida logs de ejecuciones en días distintos." },
    why: "Runs on several days are evidence of scheduled operation, not of one afternoon of tests.",
  },
  {
    code: "LOG003",
    name: "runs-too-close",
    severity: "error",
    category: "logs",
    title: {
      en: "Two consecutive runs are closer than required.",
      es: "Dos ejecuciones consecutivas están más cerca de lo requerido.",
    },
    message: {
      en: "%s and %s started %s min apart; runs must be at least %s h apart.",
      es: "%s y %s empezaron con %s min de diferencia; las ejecuciones deben estar al menos a %s h.",
    },
    fix: {
      en: "Ask for logs of scheduled runs, not of runs in a row.",
      es: "Pida logs de ejecuciones programadas, no de ejecuciones seguidas.",
    },
    why: "Ten runs in a row prove nothing about the routine running as scheduled.",
  },
  {
    code: "LOG004",
    name: "orchestrator-not-finished",
    severity: "error",
    category: "logs",
    title: {
      en: "A run log does not show the orchestrator finishing successfully.",
      es: "Un log no muestra que el orquestador terminó correctamente.",
    },
    message: {
      en: "%s has no line saying the orchestrator finished successfully (pattern %s).",
      es: "%s no tiene una línea que diga que el orquestador terminó correctamente (patrón %s).",
    },
    fix: { en: "Ask for the complete log of a successful run.", es: "Pida el log completo de una ejecución exitosa." },
    why: "A run that did not finish is not evidence that the routine works.",
  },
  {
    code: "LOG005",
    name: "error-in-log",
    severity: "error",
    category: "logs",
    title: { en: "A run log contains an error.", es: "Un log de ejecución contiene un error." },
    message: { en: "Error line in the run log: %s", es: "Línea de error en el log de ejecución: %s" },
    fix: {
      en: "Ask the user to fix the error (known Impala intermittent errors, and errors followed by a successful retry, are tolerated; the LZ team can add patterns in the task inputs Tolerated log patterns and Retry-success log patterns).",
      es: "Pida al usuario corregir el error (los errores intermitentes conocidos de Impala, y los errores seguidos de un reintento exitoso, se toleran; el equipo LZ puede agregar patrones en las entradas de la tarea Patrones de log tolerados y Patrones de reintento exitoso).",
    },
    why: "Logs with errors show the routine failing, whatever the exit code. But a gate that fails on every line containing the word 'error' is switched off by the people it annoys: the log level decides, and what process note 000 §1 lets through (Impala's intermittences, handled retries) is let through and counted (LOG009).",
    example: {
      language: "text",
      bad: "2022-07-26 15:50:31,118 ERROR etl.carga: fallo al insertar en proceso_bana.tabla: AnalysisException: Table does not exist",
      good: "2022-07-26 15:50:31,118 WARNING etl.impala: Error de conexion transitorio, reintentando (1/3)\n2022-07-26 15:50:36,402 INFO etl.impala: reintento exitoso",
    },
    allowed: [
      "- **The log level decides** with the team's logging formats (`%(asctime)s %(levelname)s …`, `%(asctime)s - %(name)s - %(levelname)s - …`,",
      "  `[%(levelname)s] …`, `%(levelname)s:%(name)s:…`, `| LEVEL |`, glog's `E0726 …`): only ERROR, CRITICAL and FATAL levels (and",
      "  SEVERE) and tracebacks are error lines. A WARNING or INFO line that mentions an error or an exception is not.",
      "- A line **without a recognizable level** falls back to the word match `\\b(ERROR|CRITICAL|FATAL)\\b|Traceback \\(most recent call last\\)|\\bException\\b`.",
      "  A `logs.errorPattern` the LZ team sets (in the configuration file the task names) is used as given, on every line.",
      "- **Known Impala intermittences** are tolerated (an error line, or a traceback's cause, that matches): `TTransportException`,",
      "  `connection reset` / *conexión reinicializada por la máquina remota*, session timed out or expired / *sesión expirada*,",
      "  `Broken pipe` / *tubería rota*, `Socket is closed`, `TSocket read 0 bytes` / *socket cerrado*.",
      "- **An error followed by a successful retry** (in the same log, before the next error line) is tolerated: *reintento exitoso*,",
      "  *reintento 2/3 exitoso*, *éxito tras 2 reintentos*, *conexión recuperada*, `retry succeeded`, `succeeded after 2 retries`, `reconnected successfully`.",
      "- What was tolerated is counted per log in an info finding (LOG009), so the reviewer sees it.",
    ],
    logPatterns: true,
  },
  {
    code: "LOG006",
    name: "log-without-time",
    severity: "warning",
    category: "logs",
    title: { en: "The start time of a run log could not be read.", es: "No se pudo leer la hora de inicio de un log." },
    message: {
      en: "%s: no date in its name (YYYYMMDD_HHMMSS_…) nor a timestamp in its first lines; it is left out of the day and gap checks.",
      es: "%s: no hay fecha en el nombre (AAAAMMDD_HHMMSS_…) ni una marca de tiempo en sus primeras líneas; no cuenta para los días ni la separación.",
    },
    fix: {
      en: "Keep the orchestrator's log names, or logging with timestamps.",
      es: "Conserve los nombres de log del orquestador, o el logging con marcas de tiempo.",
    },
    why: "Run times come from the content or the name, never from file dates (they change when logs are copied).",
  },
  {
    code: "LOG007",
    name: "log-over-limit",
    severity: "error",
    category: "logs",
    title: {
      en: "A run log, an archive or an attachment is over a read limit.",
      es: "Un log de ejecución, un archivo comprimido o un adjunto supera un límite de lectura.",
    },
    message: {
      en: "%s: %s is over the limit of %s (input %s): %s.",
      es: "%s: %s supera el límite de %s (entrada %s): %s.",
    },
    fix: {
      en: "Ask the user to attach the plain run logs, or a zip of them, within the limits. Raise the named task input only for a genuine log that needs it.",
      es: "Pida al usuario adjuntar los logs de ejecución tal cual, o un zip de ellos, dentro de los límites. Suba la entrada de la tarea indicada solo para un log legítimo que lo necesite.",
    },
    why: "Logs and attachments come from outside the LZ team: a 1 MB zip can inflate to gigabytes and a log can be one endless line. Every read is bounded so the gate always ends with a report, and what is over a bound is reported, never dropped in silence; the other logs are checked all the same.",
  },
  {
    code: "LOG008",
    name: "log-unreadable",
    severity: "error",
    category: "logs",
    title: {
      en: "A run log or archive could not be read.",
      es: "No se pudo leer un log de ejecución o un archivo comprimido.",
    },
    message: {
      en: "%s could not be read (%s): it was not checked.",
      es: "No se pudo leer %s (%s): no se revisó.",
    },
    fix: {
      en: "Ask the user to attach the logs again as plain .log files or a standard zip (deflate, no password).",
      es: "Pida al usuario adjuntar de nuevo los logs como archivos .log o un zip estándar (deflate, sin contraseña).",
    },
    why: "A damaged, encrypted or exotic archive proves nothing about the runs; it is reported instead of stopping the gate, and the other logs are checked all the same.",
  },
  {
    code: "LOG009",
    name: "tolerated-log-errors",
    severity: "info",
    category: "logs",
    title: {
      en: "Errors in a run log were tolerated: known Impala intermittences or errors followed by a successful retry.",
      es: "Se toleraron errores en un log de ejecución: intermitencias conocidas de Impala o errores seguidos de un reintento exitoso.",
    },
    message: {
      en: "Tolerated in this log: %s known Impala intermittence(s) and %s error(s) followed by a successful retry (lines %s).",
      es: "Tolerado en este log: %s intermitencia(s) conocida(s) de Impala y %s error(es) seguido(s) de un reintento exitoso (líneas %s).",
    },
    fix: {
      en: "Nothing to fix: it is information for the reviewer. Many in one log may still deserve a question to the user.",
      es: "Nada que corregir: es información para el revisor. Muchas en un mismo log pueden merecer una pregunta al usuario.",
    },
    why: "Process note 000 §1 lets Impala's intermittences through; what the gate lets through is still shown, counted per log, so the LZ reviewer decides with the whole picture.",
    logPatterns: true,
  },
] satisfies Rule[];
