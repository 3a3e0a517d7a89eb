import type { Rule } from "../findings/rule";

export const ROUTINE_RULES = [
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
] satisfies Rule[];
