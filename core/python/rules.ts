import type { Rule } from "../findings/rule";

export const PYTHON_RULES = [
  {
    code: "PY001",
    protectsProduction: true,
    name: "syntax-error",
    severity: "error",
    category: "python",
    title: { en: "The file is not valid Python.", es: "El archivo no es Python válido." },
    message: {
      en: "Syntax error: %s. Python cannot import this file, so the routine fails when it loads it.",
      es: "Error de sintaxis: %s. Python no puede importar este archivo y la rutina falla al cargarlo.",
    },
    fix: {
      en: "Open the file at this line and column and correct the syntax (a missing parenthesis, colon or quote is the usual cause).",
      es: "Abra el archivo en esta línea y columna y corrija la sintaxis (lo usual es un paréntesis, dos puntos o comilla que falta).",
    },
    why: "A file that does not parse cannot be imported: the routine stops at the first import of it, in production as in dev. Known limitation of the parser: a continuation line inside brackets indented less than its statement (legal Python, rare in routines) can be reported; the LZ team can lower PY001 for a release with the task input *Rule severities* (the routine itself cannot silence it).",
    example: {
      language: "python",
      bad: "def cargar(tabla)\n    return tabla",
      good: "def cargar(tabla):\n    return tabla",
    },
  },
  {
    code: "PY002",
    protectsProduction: true,
    name: "python2-syntax",
    severity: "error",
    category: "python",
    title: { en: "Python 2 only syntax.", es: "Sintaxis exclusiva de Python 2." },
    message: {
      en: "%s is Python 2 syntax; the routine runs on Python 3.",
      es: "%s es sintaxis de Python 2; la rutina se ejecuta en Python 3.",
    },
    fix: {
      en: "Use the Python 3 form: print(...), exec(...), except E as e, repr(x), !=, 0o777, r'' strings.",
      es: "Use la forma de Python 3: print(...), exec(...), except E as e, repr(x), !=, 0o777, cadenas r''.",
    },
    why: "The virtual environments are Python 3.5: Python 2 statements are syntax errors there.",
    example: {
      language: "python",
      bad: 'print "total", n\nexcept ValueError, e:',
      good: 'print("total", n)\nexcept ValueError as e:',
    },
  },
  {
    code: "PY003",
    protectsProduction: true,
    name: "newer-syntax",
    severity: "error",
    category: "python",
    title: {
      en: "Syntax newer than the target Python version.",
      es: "Sintaxis más nueva que la versión de Python objetivo.",
    },
    message: {
      en: "%s needs Python %s; the routine runs on Python %s.",
      es: "%s requiere Python %s; la rutina se ejecuta en Python %s.",
    },
    fix: {
      en: "Rewrite it for the target version (f-strings: use '{}'.format(...); annotations on variables: a comment; walrus: a separate assignment).",
      es: "Reescríbalo para la versión objetivo (f-strings: use '{}'.format(...); anotaciones de variables: un comentario; walrus: una asignación aparte).",
    },
    why: "The servers run the routine in a Python 3.5 virtual environment: newer syntax is a SyntaxError at import time. f-strings are the classic failure.",
    example: { language: "python", bad: 'print(f"tabla {nombre}")', good: 'print("tabla {}".format(nombre))' },
  },
  {
    code: "PY004",
    protectsProduction: true,
    name: "newer-stdlib",
    severity: "error",
    category: "python",
    title: {
      en: "Standard-library API newer than the target Python version.",
      es: "API de la librería estándar más nueva que la versión de Python objetivo.",
    },
    message: {
      en: "%s appeared in Python %s; the routine runs on Python %s.",
      es: "%s apareció en Python %s; la rutina se ejecuta en Python %s.",
    },
    fix: {
      en: "Use an equivalent available in the target version, or a backport package declared in the routine's requirements.",
      es: "Use un equivalente disponible en la versión objetivo, o un paquete backport declarado en los requirements de la rutina.",
    },
    why: "An import or call that does not exist in Python 3.5 fails at run time (ImportError, AttributeError, TypeError on a keyword) — often only on the branch that uses it.",
    example: {
      language: "python",
      bad: "subprocess.run(cmd, capture_output=True)",
      good: "subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)",
    },
  },
] satisfies Rule[];
