/**
 * The engine's own rules: what the walk could not read (FS) and what the validator says about its
 * own configuration and about what the routine asked of its gate (LZV).
 */
import type { Rule } from "../findings/rule";

export const VALIDATOR_RULES = [
  {
    code: "FS001",
    name: "symlink-outside",
    severity: "info",
    category: "files",
    title: {
      en: "A symbolic link pointing outside the routine was not followed.",
      es: "No se siguió un enlace simbólico que apunta fuera de la rutina.",
    },
    message: {
      en: "Symbolic link to '%s', outside the routine: not analyzed.",
      es: "Enlace simbólico a '%s', fuera de la rutina: no se analizó.",
    },
    fix: {
      en: "Copy the file into the routine if it belongs to it.",
      es: "Copie el archivo dentro de la rutina si le pertenece.",
    },
    why: "The validator never reads outside the folder it was given.",
  },
  {
    code: "FS002",
    name: "binary-skipped",
    severity: "info",
    category: "files",
    title: { en: "A binary file was skipped.", es: "Se omitió un archivo binario." },
    message: { en: "Binary file (%s bytes): not analyzed.", es: "Archivo binario (%s bytes): no se analizó." },
    fix: { en: "Nothing to do unless it should be text.", es: "Nada que hacer salvo que debiera ser texto." },
    why: "Only text files can hold code or configuration to check.",
  },
  {
    code: "FS003",
    name: "file-too-large",
    severity: "info",
    category: "files",
    title: {
      en: "A file over the size limit was skipped.",
      es: "Se omitió un archivo que supera el límite de tamaño.",
    },
    message: {
      en: "File of %s KB is over the %s KB limit: not analyzed.",
      es: "Archivo de %s KB supera el límite de %s KB: no se analizó.",
    },
    fix: {
      en: "Raise maxFileSizeKb in .lzvalidator.json if it is code; data files do not belong in the package.",
      es: "Suba maxFileSizeKb en .lzvalidator.json si es código; los archivos de datos no deben ir en el paquete.",
    },
    why: "Keeps the gate fast and its memory bounded.",
  },
  {
    code: "FS004",
    name: "not-utf8",
    severity: "warning",
    category: "files",
    title: { en: "A text file is not UTF-8.", es: "Un archivo de texto no es UTF-8." },
    message: {
      en: "The file is not valid UTF-8 (first bad byte at offset %s); it was read as Latin-1.",
      es: "El archivo no es UTF-8 válido (primer byte inválido en la posición %s); se leyó como Latin-1.",
    },
    fix: {
      en: "Save it as UTF-8: Python 3 reads source files as UTF-8.",
      es: "Guárdelo como UTF-8: Python 3 lee los fuentes como UTF-8.",
    },
    why: "Python 3 rejects a non-UTF-8 source file without a coding declaration, and SQL with accents gets mangled.",
  },
  {
    code: "FS005",
    protectsProduction: true,
    name: "folder-not-walked",
    severity: "error",
    category: "files",
    title: {
      en: "A folder too deep to walk was left out.",
      es: "Se dejó fuera una carpeta demasiado profunda para recorrerla.",
    },
    message: {
      en: "Folder '%s' was not walked: %s. Nothing inside it is analyzed.",
      es: "No se recorrió la carpeta '%s': %s. No se analiza nada de lo que contiene.",
    },
    fix: {
      en: "Flatten the package: no routine needs that many folder levels. If one really does, raise the task input maxFolderDepth.",
      es: "Aplane el paquete: ninguna rutina necesita tantos niveles de carpetas. Si alguna de verdad los necesita, suba la entrada maxFolderDepth de la tarea.",
    },
    why: "Folders nested past what any package needs, or past the system's path limit, would hide code from the gate or stop it: the walk is bounded and says where it stopped, so nothing is left out silently.",
  },
  {
    code: "FS006",
    protectsProduction: true,
    name: "file-not-analyzed-in-time",
    severity: "error",
    category: "files",
    title: {
      en: "A file took longer than its analysis budget and was not fully checked.",
      es: "Un archivo tardó más que su presupuesto de análisis y no se revisó completo.",
    },
    message: {
      en: "Analyzing this file took longer than %s s and was stopped: its findings are not known. The other files were analyzed.",
      es: "Analizar este archivo tardó más de %s s y se detuvo: no se conocen sus hallazgos. Los demás archivos sí se analizaron.",
    },
    fix: {
      en: "Split the file, or remove generated or data content from it (tables of literals, minified code); the LZ team can review it by hand.",
      es: "Divida el archivo, o quítele el contenido generado o de datos (tablas de literales, código minificado); el equipo LZ puede revisarlo a mano.",
    },
    why: "One file crafted or generated to be slow to analyze must not stop the gate, nor pass unchecked: the analysis of each file has a time budget, and a file that exceeds it is an error the reviewer sees.",
  },
  {
    code: "LZV001",
    name: "validator-config",
    severity: "error",
    category: "validator",
    title: { en: "The validator configuration is invalid.", es: "La configuración del validador no es válida." },
    message: { en: "%s", es: "%s" },
    fix: {
      en: "Fix .lzvalidator.json (or the task input) as the message says; docs/lzvalidator.schema.json describes it.",
      es: "Corrija .lzvalidator.json (o la entrada de la tarea) como dice el mensaje; docs/lzvalidator.schema.json lo describe.",
    },
    why: "A setting the validator cannot read would silently change what the gate checks.",
  },
  {
    code: "LZV002",
    name: "routine-setting-refused",
    severity: "warning",
    category: "validator",
    title: {
      en: "The routine tries to switch off part of its own gate.",
      es: "La rutina intenta apagar parte de su propia compuerta.",
    },
    message: {
      en: "The routine's own %s asks for `%s`: ignored. It would silence a rule that protects production or change what the gate checks, which only the LZ team may do.",
      es: "El propio %s de la rutina pide `%s`: se ignora. Silenciaría una regla que protege producción o cambiaría lo que la compuerta revisa, y eso solo lo puede hacer el equipo LZ.",
    },
    fix: {
      en: "Remove the setting from the routine. If the LZ team agrees, it sets it in the task's inputs (Rule severities, Python version, expected dsn…).",
      es: "Quite el ajuste de la rutina. Si el equipo LZ está de acuerdo, lo define en las entradas de la tarea (Severidades de reglas, versión de Python, dsn esperado…).",
    },
    why: "The gate exists to stop credentials, Python that fails on the server's 3.5 and a wrong dsn from reaching production: the code it checks cannot be the one that turns it off. The rules that protect production (SEC001, CFG002, PY001–PY004, FS005, FS006, and any the task input Protected rules names) and the settings that decide what is checked (pythonVersion, expectedDsn, zona, failOn, maxFileSizeKb, logs) are refused from the routine's .lzvalidator.json and from # lz: ignore comments.",
    example: {
      language: "json",
      bad: '{ "rules": { "SEC001": "off" }, "pythonVersion": "3.8" }',
      good: '{ "rules": { "SQL003": { "severity": "warning", "reason": "staging table, dropped at the end" } } }',
    },
  },
  {
    code: "LZV004",
    name: "pattern-too-slow",
    severity: "warning",
    category: "validator",
    title: {
      en: "A configured regular expression took too long and was stopped.",
      es: "Una expresión regular configurada tardó demasiado y se detuvo.",
    },
    message: {
      en: "The pattern %s `%s` took longer than %s ms on one text and was stopped: it matched nothing from then on.",
      es: "El patrón %s `%s` tardó más de %s ms en un texto y se detuvo: desde entonces no coincidió con nada.",
    },
    fix: {
      en: "Rewrite it without lookaround or backreferences (then it runs in linear time), or without nested repetition such as (a+)+.",
      es: "Reescríbalo sin lookaround ni referencias hacia atrás (así corre en tiempo lineal), o sin repeticiones anidadas como (a+)+.",
    },
    why: "Patterns run on text the routine or its logs control. Patterns RE2 accepts run in its linear-time engine; the others run as JavaScript regular expressions, which can backtrack for hours, so each test has a time budget.",
    example: {
      language: "json",
      bad: '{ "logs": { "errorPattern": "(?=.*ERROR)(.+)+$" } }',
      good: '{ "logs": { "errorPattern": "\\b(ERROR|CRITICAL)\\b" } }',
    },
  },
  {
    code: "LZV005",
    name: "routine-allow-list-refused",
    severity: "error",
    category: "validator",
    title: {
      en: "The routine's own configuration sets an allow-list or tolerated log patterns.",
      es: "La configuración propia de la rutina define una lista de permitidos o patrones de log tolerados.",
    },
    message: {
      en: "The routine's own %s sets `%s`: refused, nothing of it is applied. Allow-lists of names and paths (SEC001/PTH001) and tolerated or retry log patterns (LOG005) are the LZ team's: remove the setting from the routine; the LZ team sets them in the task input %s or in the configuration file the task input Validator configuration names.",
      es: "El propio %s de la rutina define `%s`: se rechaza y no se aplica nada. Las listas de nombres y rutas permitidos (SEC001/PTH001) y los patrones de log tolerados o de reintento (LOG005) son del equipo LZ: quite el ajuste de la rutina; el equipo LZ los define en la entrada de la tarea %s o en el archivo de configuración que nombra la entrada Configuración del validador.",
    },
    fix: {
      en: "Remove the setting from the routine's .lzvalidator.json. If the LZ team agrees, it adds the pattern in the task's inputs (Allowed names and paths, Tolerated log patterns, Retry-success log patterns).",
      es: "Quite el ajuste del .lzvalidator.json de la rutina. Si el equipo LZ está de acuerdo, agrega el patrón en las entradas de la tarea (Nombres y rutas permitidos, Patrones de log tolerados, Patrones de reintento exitoso).",
    },
    why: "An allow-list in the code it checks would let a routine wave its own credentials, paths or failed runs through the gate: it is an error, not a warning, so the attempt is seen and fixed.",
    example: {
      language: "json",
      bad: '{ "allowedNamesAndPaths": ["IMPALA_PWD"], "logs": { "toleratedPatterns": ["AnalysisException"] } }',
      good: "{ }",
    },
  },
  {
    code: "LZV003",
    name: "suppression-without-reason",
    severity: "warning",
    category: "validator",
    title: {
      en: "The routine silences a rule without saying why.",
      es: "La rutina silencia una regla sin decir por qué.",
    },
    message: {
      en: "The routine's %s silences `%s` without saying why: add a reason, e.g. %s.",
      es: "El %s de la rutina silencia `%s` sin decir por qué: agregue un motivo, p. ej. %s.",
    },
    fix: {
      en: "Write why the finding does not apply, next to the suppression; the reports and the HU comment show it to the LZ reviewer.",
      es: "Escriba por qué el hallazgo no aplica, junto a la supresión; los reportes y el comentario de la HU se lo muestran al revisor de LZ.",
    },
    why: "A suppression is a decision someone on the LZ team reviews: without a reason it cannot be reviewed, only trusted.",
    example: {
      language: "python",
      bad: "spark.sql(sql)  # lz: ignore[SQL003]",
      good: "spark.sql(sql)  # lz: ignore[SQL003] staging table in the routine's own zone, dropped at the end",
    },
  },
] satisfies Rule[];
