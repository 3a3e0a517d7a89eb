import { registerRules } from "../rules";

registerRules([
  {
    code: "PTH001",
    name: "hardcoded-path",
    severity: "error",
    category: "paths-and-secrets",
    title: {
      en: "Hard-coded user, home folder or server path.",
      es: "Usuario, carpeta personal o ruta de servidor quemados en el código.",
    },
    message: {
      en: "Hard-coded %s '%s': it only exists on one machine or for one user.",
      es: "Quemado en el código — %s '%s': solo existe en una máquina o para un usuario.",
    },
    fix: {
      en: "Build the path from the routine's configuration (config.json), its own package folder (os.path.dirname(__file__)) or an environment variable.",
      es: "Construya la ruta desde la configuración de la rutina (config.json), su propia carpeta de paquete (os.path.dirname(__file__)) o una variable de entorno.",
    },
    why: "Routines move from dev to production servers and run under a service account: a path under someone's home, a server folder or a user's HDFS directory breaks or leaks there.",
    example: {
      language: "python",
      bad: "salida = '/home/jperez/reportes/salida.csv'",
      good: "salida = os.path.join(config['ruta_salida'], 'salida.csv')",
    },
  },
  {
    code: "SEC001",
    protectsProduction: true,
    name: "hardcoded-credential",
    severity: "error",
    category: "paths-and-secrets",
    title: {
      en: "Credential written in code or configuration.",
      es: "Credencial escrita en el código o la configuración.",
    },
    message: {
      en: "A %s is written in the file (%s, a value of %s characters, not shown): credentials must never be in the routine.",
      es: "Hay un(a) %s escrito(a) en el archivo (%s, un valor de %s caracteres, no se muestra): las credenciales nunca deben estar en la rutina.",
    },
    fix: {
      en: "Remove it, rotate it, and read it at run time from the server's secret store or an environment variable.",
      es: "Elimínela, rótela y léala en tiempo de ejecución desde el almacén de secretos del servidor o una variable de entorno.",
    },
    why: "The package is copied to shared servers and its repository is readable by many: a password in it is a leaked password.",
    example: {
      language: "python",
      bad: "conn = connect(user='svc', password='S3creta!')",
      good: "conn = connect(user='svc', password=os.environ['IMPALA_PASSWORD'])",
    },
  },
  {
    code: "CFG001",
    name: "config-missing",
    severity: "error",
    category: "configuration",
    title: {
      en: "static/config/config.json is missing or not valid JSON.",
      es: "static/config/config.json no existe o no es JSON válido.",
    },
    message: {
      en: "%s",
      es: "%s",
    },
    fix: {
      en: "Ship static/config/config.json inside the package, as valid JSON (no comments, no trailing commas).",
      es: "Incluya static/config/config.json dentro del paquete, como JSON válido (sin comentarios ni comas finales).",
    },
    why: "The routine reads its dsn and results zone from this file: without it, or with a syntax error in it, the routine cannot start.",
  },
  {
    code: "CFG002",
    protectsProduction: true,
    name: "dsn-not-production",
    severity: "error",
    category: "configuration",
    title: { en: "The dsn in config.json is not the expected one.", es: "El dsn de config.json no es el esperado." },
    message: {
      en: "config.json has dsn '%s'; what goes to production must have '%s'.",
      es: "config.json tiene dsn '%s'; lo que va a producción debe tener '%s'.",
    },
    fix: {
      en: 'Set "dsn": "impala-virtual-prd" in static/config/config.json in the pull request (the dev switch is done by the release, never in the code).',
      es: 'Ponga "dsn": "impala-virtual-prd" en static/config/config.json del pull request (el cambio a dev lo hace el release, nunca el código).',
    },
    why: "The dsn selects the Impala cluster. A package that reaches production pointing at dev writes its results in the wrong place.",
    example: { language: "json", bad: '{ "dsn": "impala-virtual-dev" }', good: '{ "dsn": "impala-virtual-prd" }' },
  },
  {
    code: "CFG003",
    name: "zona-mismatch",
    severity: "error",
    category: "configuration",
    title: {
      en: "The results zone in config.json is not the release's zona.",
      es: "La zona de resultados de config.json no es la zona del release.",
    },
    message: {
      en: "config.json key '%s' is '%s' but the release's zona is '%s'.",
      es: "La clave '%s' de config.json es '%s' pero la zona del release es '%s'.",
    },
    fix: {
      en: "Agree the results zone with the user: fix config.json or the release variable zona.",
      es: "Acuerde la zona de resultados con el usuario: corrija config.json o la variable zona del release.",
    },
    why: "A routine writes only into its own results zone; the release (inventory, OC, deploy path) is built from the zona variable.",
  },
  {
    code: "CFG004",
    name: "dsn-missing",
    severity: "error",
    category: "configuration",
    title: { en: "config.json has no dsn.", es: "config.json no tiene dsn." },
    message: {
      en: 'config.json has no "dsn" key: the routine cannot choose its Impala connection.',
      es: 'config.json no tiene la clave "dsn": la rutina no puede elegir su conexión a Impala.',
    },
    fix: { en: 'Add "dsn": "impala-virtual-prd".', es: 'Agregue "dsn": "impala-virtual-prd".' },
    why: "Every routine connects through the ODBC data source named in config.json.",
  },
  {
    code: "CFG005",
    name: "zona-key-missing",
    severity: "warning",
    category: "configuration",
    title: {
      en: "No results-zone key found in config.json.",
      es: "No se encontró clave de zona de resultados en config.json.",
    },
    message: {
      en: "config.json has none of the results-zone keys %s, so the zona '%s' could not be checked.",
      es: "config.json no tiene ninguna de las claves de zona %s, así que no se pudo verificar la zona '%s'.",
    },
    fix: {
      en: "Add the key your team uses to zoneKeys in .lzvalidator.json, or write the zone in config.json.",
      es: "Agregue la clave que usa su equipo a zoneKeys en .lzvalidator.json, o escriba la zona en config.json.",
    },
    why: "The key that holds the zone differs between teams; when none is found the zone cannot be compared.",
  },
  {
    code: "VER001",
    name: "version-mismatch",
    severity: "error",
    category: "packaging",
    title: {
      en: "version.txt differs from the artifact version.",
      es: "version.txt difiere de la versión del artefacto.",
    },
    message: {
      en: "The artifact does not have the updated routine version: version.txt says '%s', the release artifact is '%s'.",
      es: "El artefacto no tiene la versión actualizada de la rutina: version.txt dice '%s' y el artefacto del release es '%s'.",
    },
    fix: {
      en: "Ask the user to tag the version and run the Artifactory deployment pipeline again, then redeploy DEV.",
      es: "Pida al usuario crear el tag de versión y ejecutar de nuevo el pipeline de despliegue en Artifactory; luego vuelva a desplegar DEV.",
    },
    why: "The release installs whatever version it finds in Artifactory: a different version.txt means the code being validated is not the code of the pull request.",
  },
  {
    code: "VER002",
    name: "version-file-missing",
    severity: "warning",
    category: "packaging",
    title: { en: "version.txt was not found.", es: "No se encontró version.txt." },
    message: {
      en: "No version.txt in %s or its parents up to the folder that holds venv/: the artifact version '%s' could not be checked.",
      es: "No hay version.txt en %s ni en sus carpetas padre hasta la que contiene venv/: no se pudo verificar la versión '%s'.",
    },
    fix: {
      en: "Point the input versionFile at it, or check that Deploy DEV wrote <zona>/<repository>/version.txt.",
      es: "Indique la entrada versionFile, o verifique que Deploy DEV escribió <zona>/<repositorio>/version.txt.",
    },
    why: "The installed layout keeps version.txt beside venv/; without it nothing proves which version was installed.",
  },
  {
    code: "MAN001",
    name: "static-not-packaged",
    severity: "error",
    category: "packaging",
    title: {
      en: "The packaging does not ship the static files.",
      es: "El empaquetado no incluye los archivos static.",
    },
    message: {
      en: "%s has static files but the packaging (%s) does not ship them: the installed routine will have no config.json.",
      es: "%s tiene archivos static pero el empaquetado (%s) no los incluye: la rutina instalada no tendrá config.json.",
    },
    fix: {
      en: "Add 'recursive-include <package>/static *' to MANIFEST.in and include_package_data=True to setup.py, or list them in package_data.",
      es: "Agregue 'recursive-include <paquete>/static *' a MANIFEST.in e include_package_data=True a setup.py, o lístelos en package_data.",
    },
    why: "setuptools only installs .py files unless told otherwise: config.json and SQL files silently disappear from the site-package.",
    example: {
      language: "text",
      bad: "# MANIFEST.in\ninclude README.md",
      good: "# MANIFEST.in\nrecursive-include alm_bana_fco2/static *",
    },
  },
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
]);
