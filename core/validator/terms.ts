/**
 * Spanish for the English phrases analyzers pass as message arguments ("f-string",
 * "home folder"…), so a finding reads in one language. Unknown arguments pass unchanged.
 */
const ES: Record<string, string> = {
  "print statement": "la sentencia print",
  "exec statement": "la sentencia exec",
  "except E, e": "except E, e",
  "raise E, message": "raise E, mensaje",
  "f-string": "Un f-string",
  "variable annotation": "La anotación de variables",
  "underscore in number": "El guion bajo en números",
  "assignment expression (:=)": "La expresión de asignación (:=)",
  "positional-only parameter (/)": "El parámetro solo posicional (/)",
  "match statement": "La sentencia match",
  "type alias statement": "La sentencia type (alias de tipo)",
  "type parameters": "Los parámetros de tipo",
  "from __future__ import annotations": "from __future__ import annotations",
  "yield inside async def (async generator)": "yield dentro de async def (generador asíncrono)",
  "async comprehension": "La comprensión asíncrona",
  "await inside a comprehension": "await dentro de una comprensión",
  "parenthesized context managers": "Los context managers entre paréntesis",
  "decorator with an arbitrary expression": "Un decorador con una expresión arbitraria",
  "star expression in an index": "Una expresión con * en un índice",
  "unparenthesized *unpacking in return": "El desempaquetado * sin paréntesis en return",
  "unparenthesized *unpacking in yield": "El desempaquetado * sin paréntesis en yield",
  "except*": "except*",
  "home folder": "carpeta personal",
  "server path": "ruta de servidor",
  "Windows path": "ruta de Windows",
  "HDFS user folder": "carpeta de usuario en HDFS",
  "service account": "cuenta de servicio",
  "password in a connection string": "contraseña en una cadena de conexión",
  "password in a URL": "contraseña en una URL",
  "private key": "llave privada",
  "AWS access key": "llave de acceso de AWS",
  credential: "credencial",
  "its path is longer than the system allows (ENAMETOOLONG)":
    "su ruta es más larga de lo que permite el sistema (ENAMETOOLONG)",
  "the attachment's size": "el tamaño del adjunto",
  "the file's size": "el tamaño del archivo",
  "the uncompressed size of its logs": "el tamaño descomprimido de sus logs",
  "the number of members": "el número de miembros",
  "it was not downloaded": "no se descargó",
  "it was not checked": "no se revisó",
  "the rest of the archive was not read": "no se leyó el resto del archivo comprimido",
  "the line was cut at the limit": "la línea se cortó en el límite",
};

export function translateArg(arg: string | number, lang: "en" | "es"): string | number {
  if (lang !== "es" || typeof arg !== "string") return arg;
  if (ES[arg]) return ES[arg];
  const user = /^user '(.*)'$/.exec(arg);
  if (user) return `usuario '${user[1]}'`;
  const missing = /^missing '(.*)'$/.exec(arg);
  if (missing) return `falta '${missing[1]}'`;
  const unexpected = /^unexpected '(.*)'$/.exec(arg);
  if (unexpected) return `'${unexpected[1]}' inesperado`;
  const line = /^line (\d+)$/.exec(arg);
  if (line) return `la línea ${line[1]}`;
  const more = /^… and (\d+) more error lines in this log, not listed$/.exec(arg);
  if (more) return `… y ${more[1]} líneas de error más en este log, sin listar`;
  const deep = /^it is deeper than the limit of (\d+) folder levels \(input (\w+)\)$/.exec(arg);
  if (deep) return `supera el límite de ${deep[1]} niveles de carpetas (entrada ${deep[2]})`;
  return arg;
}
