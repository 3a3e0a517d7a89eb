import type { Rule } from "../findings/rule";

export const ENV_RULES = [
  {
    code: "ENV001",
    name: "environment-folder-missing",
    severity: "error",
    category: "environment",
    title: {
      en: "The routine's environment folder was not found.",
      es: "No se encontró la carpeta del ambiente de la rutina.",
    },
    message: {
      en: "No folder %s under %s (tried the repository and package names, ignoring '-'/'_' and case). Found there: %s.",
      es: "No existe la carpeta %s en %s (se probaron los nombres de repositorio y paquete, sin distinguir '-'/'_' ni mayúsculas). Hay: %s.",
    },
    fix: {
      en: "Check the release variables zona, repositoryName and packageName, and that Deploy DEV succeeded.",
      es: "Revise las variables zona, repositoryName y packageName del release, y que Deploy DEV haya terminado bien.",
    },
    why: "Deploy DEV builds the virtual environment under /avirtual/<zona>/<repository or package>; without it nothing can be validated or run.",
  },
  {
    code: "ENV002",
    name: "venv-missing",
    severity: "error",
    category: "environment",
    title: { en: "The environment has no venv/ folder.", es: "El ambiente no tiene carpeta venv/." },
    message: {
      en: "%s has no venv/ folder: the virtual environment was not built.",
      es: "%s no tiene carpeta venv/: no se construyó el ambiente virtual.",
    },
    fix: {
      en: "Redeploy the Deploy DEV stage and read its log.",
      es: "Vuelva a desplegar el stage Deploy DEV y revise su log.",
    },
    why: "The routine runs inside venv/; its absence means Deploy DEV failed or wrote elsewhere.",
  },
  {
    code: "ENV003",
    name: "venv-stale",
    severity: "error",
    category: "environment",
    title: {
      en: "The virtual environment is older than expected.",
      es: "El ambiente virtual es más antiguo de lo esperado.",
    },
    message: {
      en: "venv/ was created %s hours ago (limit %s): this release's Deploy DEV did not rebuild it.",
      es: "venv/ se creó hace %s horas (límite %s): el Deploy DEV de este release no lo reconstruyó.",
    },
    fix: {
      en: "Redeploy Deploy DEV for this release, or raise maxAgeHours if the stages are days apart.",
      es: "Vuelva a desplegar Deploy DEV para este release, o suba maxAgeHours si los stages van con días de diferencia.",
    },
    why: "An old environment holds an older version of the routine: validating it proves nothing about the pull request.",
  },
  {
    code: "ENV004",
    name: "site-package-missing",
    severity: "error",
    category: "environment",
    title: {
      en: "The routine's site-package was not found in the environment.",
      es: "No se encontró el site-package de la rutina en el ambiente.",
    },
    message: {
      en: "No site-package named like '%s' in %s. Packages there: %s.",
      es: "No hay un site-package llamado como '%s' en %s. Paquetes allí: %s.",
    },
    fix: {
      en: "Set the input sitePackageName to the installed name (it can differ slightly from packageName).",
      es: "Ponga en la entrada sitePackageName el nombre instalado (puede diferir un poco de packageName).",
    },
    why: "The installed package name can differ from the folder under src/; later tasks need its exact path.",
  },
  {
    code: "ENV005",
    name: "installed-file-differs",
    severity: "error",
    category: "environment",
    title: {
      en: "An installed file differs from the pull request.",
      es: "Un archivo instalado difiere del pull request.",
    },
    message: {
      en: "The installed %s is not the file of the pull request (content differs).",
      es: "El %s instalado no es el archivo del pull request (el contenido difiere).",
    },
    fix: {
      en: "Make sure the artifact was built from the approved pull request, then redeploy DEV.",
      es: "Verifique que el artefacto se construyó desde el pull request aprobado y vuelva a desplegar DEV.",
    },
    why: "LZ validates what is installed; it must be the code that was reviewed.",
  },
  {
    code: "ENV006",
    name: "installed-file-missing",
    severity: "error",
    category: "environment",
    title: { en: "A file of the pull request is not installed.", es: "Un archivo del pull request no está instalado." },
    message: {
      en: "%s is in the pull request but not in the installed package.",
      es: "%s está en el pull request pero no en el paquete instalado.",
    },
    fix: {
      en: "Check the packaging (MANIFEST.in, package_data) so the file ships (MAN001).",
      es: "Revise el empaquetado (MANIFEST.in, package_data) para que el archivo se incluya (MAN001).",
    },
    why: "A file the code needs that did not ship fails at run time in production.",
  },
  {
    code: "ENV007",
    name: "installed-file-extra",
    severity: "warning",
    category: "environment",
    title: {
      en: "The installed package has a file the pull request does not.",
      es: "El paquete instalado tiene un archivo que el pull request no tiene.",
    },
    message: {
      en: "%s is installed but is not in the pull request.",
      es: "%s está instalado pero no está en el pull request.",
    },
    fix: {
      en: "Check that the artifact was built from the pull request (stale files in the build?).",
      es: "Verifique que el artefacto se construyó desde el pull request (¿archivos viejos en el build?).",
    },
    why: "Extra files mean the artifact and the reviewed code are not the same thing.",
  },
] satisfies Rule[];
