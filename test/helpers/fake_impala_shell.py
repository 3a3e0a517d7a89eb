# -*- coding: utf-8 -*-
"""A faithful stand-in for impala-shell in the tests: the shell's own behaviour, with only the
network (Impala's HiveServer2 service and the LDAP/Kerberos login) replaced by a table kept in a file.

Follows impala-shell 4.6.0: apache/impala, tag impala-shell-4.6.0 (commit 872fc53), files under
shell/impala_shell/ (impala_shell.py, option_parser.py, shell_output.py, impala_client.py,
impala_shell_config_defaults.py) and shell/packaging/impala-shell, with sqlparse 0.3.1, the version
impala-shell pins in shell/requirements.txt. Where older versions differ in something these tests touch,
the "version" setting below emulates them: --verify_cert exists from 4.6.0 (option_parser.py), the
global config file and IMPALA_SHELL_GLOBAL_CONFIG_FILE from 3.3.0 (impala_shell.py,
impala_shell_main). Impala's side of a statement (its lexer and string literal unescaping) follows
fe/src/main/jflex/sql-scanner.flex, fe/.../analysis/StringLiteral.java and
fe/src/compat-apache-hive-2/.../Hive2MetastoreShimBase.java (unescapeSQLString).

Written for these tests (no impala-shell code is copied); each behaviour names the function it follows.
It uses the same Python modules impala-shell uses for the same jobs: optparse for the options, configparser
for the config files, shlex for --ldap_password_cmd, csv for the -B output.

Runs with python3 (3.6 or later). The server side is set by the JSON file named in LZ_FAKE_IMPALA_SERVER:
  rows          JSON-lines file holding resultados.inventario_lz, one row per line; each INSERT appends
                (as each Impala INSERT adds a new file to the HDFS table); null is SQL NULL
  log           JSON-lines file: one record per run (arguments, environment, the exact LDAP password
                received, the identity the statements ran as, each statement after variable substitution)
  version       impala-shell version to emulate, "4.6.0" by default
  entry_point   "tarball": run as shell/packaging/impala-shell does (python -m impala_shell.impala_shell,
                a FatalShellException ends in sys.exit(1) under __main__); "pip": the console script calls
                impala_shell_main, so the exception escapes with its traceback (see pip_entry_point.py)
  python        "3.6" (default): under the C/POSIX locale the command line is decoded as ASCII and, without
                PYTHONIOENCODING, stdin and stdout are ASCII, as in CPython before 3.7 (PEP 538/540);
                "3.7": UTF-8 there
  ldap          {"user": ..., "password": ...}: the one login the LDAP server accepts
  kerberos_principal   who a Kerberos ticket stands for
  deny          {"INSERT": true, ...}: statement kinds the identities may not run (Sentry/Ranger)
  global_config_default_path   stands for /etc/impalarc (impala_shell_config_defaults.py)
  query_options the query options the server knows
"""
from __future__ import print_function, unicode_literals

import csv
import getpass
import io
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import traceback
from configparser import ConfigParser
from optparse import OptionParser

SERVER = json.load(open(os.environ["LZ_FAKE_IMPALA_SERVER"]))
VERSION = SERVER.get("version", "4.6.0")
TABLE = "resultados.inventario_lz"


def version_at_least(text):
  have = [int(x) for x in re.findall(r"\d+", VERSION)[:3]]
  want = [int(x) for x in text.split(".")]
  return have >= want


# impala_shell.py: VERSION_FORMAT, filled from impala_build_version at build time.
VERSION_STRING = "Impala Shell v%s (872fc53) built on Thu Jun 18 17:49:49 UTC 2026" % VERSION

RECORD = {"argv": sys.argv[1:], "password": None, "identity": None, "statements": [],
          "env": {k: os.environ.get(k) for k in
                  ("KRB5CCNAME", "PYTHONIOENCODING", "IMPALA_SHELL_GLOBAL_CONFIG_FILE", "HOME")}}


class FatalShellException(Exception):
  """impala_shell.py, FatalShellException: the cause is printed to stderr before it is raised."""


class ServerError(Exception):
  """impala_client.py, _check_hs2_rpc_status: an error status becomes RPCException('ERROR: ...')."""

  def __str__(self):
    return "ERROR: " + self.args[0]


def log_exception_with_timestamp(e, type="Exception", msg=""):
  # impala_client.py, log_exception_with_timestamp: "<time> [<type>] <msg>" then the exception, one print.
  print("%s [%s] %s" % (time.strftime("%Y-%m-%d %H:%M:%S", time.localtime()), type, msg), e,
        file=sys.stderr)


# ---- options: option_parser.py -------------------------------------------------------------------

def defaults():
  """impala_shell_config_defaults.py, impala_shell_defaults (the entries these options read)."""
  return {
    "ca_cert": None, "config_file": os.path.expanduser("~/.impalarc"), "default_db": None,
    "ignore_query_failure": False, "impalad": socket.getfqdn(), "kerberos_service_name": "impala",
    "output_delimiter": "\\t", "output_file": None, "print_header": False, "vertical": False,
    "query": None, "query_file": None, "ssl": False, "verify_cert": False, "use_kerberos": False,
    "use_ldap": False, "user": getpass.getuser(), "verbose": True, "version": False,
    "write_delimited": False,
    "global_config_default_path": SERVER.get("global_config_default_path", "/etc/impalarc"),
  }


def get_option_parser(defaults):
  """option_parser.py, get_option_parser: the options the inventory and its tests use, same names and
  destinations; any other option is unknown here, and optparse exits 2 as it does for a real unknown one."""
  parser = OptionParser()
  add = parser.add_option
  add("-i", "--impalad", dest="impalad")
  add("-q", "--query", dest="query")
  add("-f", "--query_file", dest="query_file")
  add("-k", "--kerberos", dest="use_kerberos", action="store_true")
  add("-o", "--output_file", dest="output_file")
  add("-B", "--delimited", dest="write_delimited", action="store_true")
  add("--print_header", dest="print_header", action="store_true")
  add("-E", "--vertical", dest="vertical", action="store_true")
  add("--output_delimiter", dest="output_delimiter")
  add("-s", "--kerberos_service_name", dest="kerberos_service_name")
  add("-V", "--verbose", dest="verbose", action="store_true")
  add("--quiet", dest="verbose", action="store_false")
  add("-v", "--version", dest="version", action="store_true")
  add("-c", "--ignore_query_failure", dest="ignore_query_failure", action="store_true")
  add("-d", "--database", dest="default_db")
  add("-l", "--ldap", dest="use_ldap", action="store_true")
  add("-u", "--user", dest="user")
  add("--ssl", dest="ssl", action="store_true")
  add("--ca_cert", dest="ca_cert")
  if version_at_least("4.6.0"):
    add("--verify_cert", dest="verify_cert", action="store_true")
  add("--config_file", dest="config_file")
  add("--auth_creds_ok_in_clear", dest="creds_ok_in_clear", action="store_true")
  add("--ldap_password_cmd", dest="ldap_password_cmd")
  add("--var", dest="keyval", action="append")
  add("-Q", "--query_option", dest="query_options", action="append")
  add("--protocol", dest="protocol", default="hs2")
  # Defaults named by a short or long option name (as a config file names them) go to the option's dest.
  for option in parser.option_list:
    if option.dest is None:
      continue
    for name in [o[1:] for o in option._short_opts[:1]] + [o[2:] for o in option._long_opts[:1]]:
      if name in defaults and option.dest not in defaults:
        defaults[option.dest] = defaults[name]
  if "--verbose" in sys.argv and "--quiet" in sys.argv:
    parser.error("options --verbose and --quiet are mutually exclusive")
  parser.set_defaults(**defaults)
  return parser


def parse_bool_option(value):
  # option_parser.py, parse_bool_option
  if value.lower() in ["true", "1"]:
    return True
  if value.lower() in ["false", "0"]:
    return False
  raise ValueError("Unexpected value in configuration file. '" + value
                   + "' is not a valid value for a boolean option.")


def parse_shell_options(options, defaults, option_list):
  """option_parser.py, parse_shell_options: options named by short name, long name or dest; booleans
  parsed, "append" options split on ",<name>=", "none" is None, unknown ones warned about."""
  dests = {}
  for option in option_list:
    if option._short_opts:
      dests[option._short_opts[0][1:]] = option
    if option._long_opts:
      dests[option._long_opts[0][2:]] = option
    if option.dest not in dests:
      dests[option.dest] = option
  result = {}
  for name, value in options:
    opt = dests.get(name)
    if opt is None:
      print("\nWARNING: Unable to read configuration file correctly. "
            "Ignoring unrecognized config option: '%s'" % name, file=sys.stderr)
    elif isinstance(defaults.get(name), bool) or opt.action in ("store_true", "store_false"):
      result[name] = parse_bool_option(value)
    elif opt.action == "append":
      result[name] = value.split(",%s=" % name)
    elif value.lower() == "none":
      result[name] = None
    else:
      result[name] = value
  return result


def get_config_from_file(config_filename, option_list, defaults):
  """option_parser.py, get_config_from_file: sections [impala] and [impala.query_options], read with
  ConfigParser(strict=False) keeping the case of names; a missing file reads as empty."""
  config = ConfigParser(strict=False)
  config.optionxform = str
  config.read(config_filename)
  shell_options = {}
  if config.has_section("impala"):
    shell_options = parse_shell_options(config.items("impala"), defaults, option_list)
    if "config_file" in shell_options:
      print("\nWARNING: Option 'config_file' can be only set from shell.", file=sys.stderr)
      shell_options["config_file"] = config_filename
  query_options = {}
  if config.has_section("impala.query_options"):
    query_options = dict((k.upper(), v) for k, v in config.items("impala.query_options"))
  return shell_options, query_options


# ---- SQL text: sqlparse 0.3.1 (split) and impala_shell.py (variables) -------------------------------

# sqlparse 0.3.1, keywords.py SQL_REGEX: the tokens that decide where a statement ends (comments,
# quoted strings and names, dollar-quoted literals, punctuation), in the lexer's order.
SQLPARSE_TOKENS = [
  (re.compile(r"(--|# ).*?(\r\n|\r|\n|$)"), "comment"),
  (re.compile(r"/\*[\s\S]*?\*/"), "comment"),
  (re.compile(r"(\r\n|\r|\n)"), "ws"),
  (re.compile(r"\s+?"), "ws"),
  (re.compile(r"`(``|[^`])*`"), "name"),
  (re.compile(r"((?<!\S)\$(?:[_A-ZÀ-Ü]\w*)?\$)[\s\S]*?\1", re.IGNORECASE | re.UNICODE), "literal"),
  (re.compile(r"'(''|\\\\|\\'|[^'])*'"), "string"),
  (re.compile(r'"(""|\\\\|\\"|[^"])*"'), "string"),
  (re.compile(r"[;()]"), "punctuation"),
  (re.compile(r"\w+", re.UNICODE), "word"),
  (re.compile(r"[\s\S]"), "other"),
]


def sqlparse_split(sql):
  """sqlparse 0.3.1, split() with engine/statement_splitter.py: a statement ends at a ';' outside
  strings, comments and parentheses (CREATE ... BEGIN blocks do not occur here); each is stripped."""
  statements, current, level, ended, pos = [], "", 0, False, 0
  while pos < len(sql):
    for regex, kind in SQLPARSE_TOKENS:
      m = regex.match(sql, pos)
      if m:
        break
    value = m.group(0)
    if ended and kind not in ("ws", "comment"):
      statements.append(current)
      current, level, ended = "", 0, False
    level += 1 if value == "(" and kind == "punctuation" else -1 if value == ")" and kind == "punctuation" else 0
    current += value
    if level <= 0 and kind == "punctuation" and value == ";":
      ended = True
    pos = m.end()
  if current:
    statements.append(current)
  return [s.strip() for s in statements]


def parse_query_text(query_text):
  """impala_shell.py, parse_query_text: sqlparse.split, and a last piece holding only comments dropped."""
  queries = sqlparse_split(query_text)
  if queries and not re.sub(r"(--|# ).*?(\r\n|\r|\n|$)|/\*[\s\S]*?\*/", "", queries[-1]).strip():
    queries.pop()
  return queries


VAR_PREFIXES = ["VAR", "HIVEVAR"]  # impala_shell.py, ImpalaShell.VAR_PREFIXES
VALID_VAR_NAME_PATTERN = r"[A-Za-z][A-Za-z0-9_]*"


def get_var_name(name):
  # impala_shell.py, get_var_name: "<namespace>:<name>" with namespace VAR or HIVEVAR
  m = re.match(r"^([^:]*):(.*)", name)
  if m is not None and m.group(1) in VAR_PREFIXES:
    return m.group(2)
  return None


def replace_variables(set_variables, input_string):
  """impala_shell.py, replace_variables: every ${...} not preceded by a backslash, anywhere in the
  statement (string literals included) is a variable; unknown syntax or names are errors (None)."""
  errors = False
  matches = set(v.upper() for v in re.findall(r"(?<!\\)\${([^}]+)}", input_string))
  for name in matches:
    var_name = get_var_name(name)
    if var_name is None:
      print("Error: Unknown substitution syntax (%s). Use ${VAR:var_name}." % (name,), file=sys.stderr)
      errors = True
    elif set_variables and var_name in set_variables:
      input_string = re.compile(r"(?<!\\)\${%s}" % (name,), re.IGNORECASE).sub(
        set_variables[var_name], input_string)
    else:
      print("Error: Unknown variable %s" % var_name, file=sys.stderr)
      errors = True
  return None if errors else input_string


def parse_variables(keyvals):
  # impala_shell.py, parse_variables: KEY=VALUE, keys upper-cased, values substituted in order
  variables = {}
  for keyval in keyvals or []:
    m = re.match(r"(%s)=(.*)$" % VALID_VAR_NAME_PATTERN, keyval)
    if not m:
      print('Error: Could not parse key-value "%s". It must follow the pattern "KEY=VALUE".' % keyval,
            file=sys.stderr)
      raise FatalShellException()
    variables[m.group(1).upper()] = replace_variables(variables, m.group(2))
  return variables


def read_password_cmd(password_cmd, auth_method_desc, strip_newline=False):
  """impala_shell.py, read_password_cmd: the command split with shlex and run without a shell; its
  whole stdout is the password, stripped of line ends only when asked (never for LDAP)."""
  try:
    p = subprocess.Popen(shlex.split(password_cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    password, stderr = p.communicate()
    if p.returncode != 0:
      print("Error retrieving %s (command was '%s', error was: '%s')"
            % (auth_method_desc, password_cmd, stderr.strip()), file=sys.stderr)
      raise FatalShellException()
    password = password.decode("utf-8")
    if strip_newline:
      password = password.rstrip("\r\n")
    return password
  except FatalShellException:
    raise
  except Exception as e:
    print("Error retrieving %s (command was: '%s', exception was: '%s')"
          % (auth_method_desc, password_cmd, e), file=sys.stderr)
    raise FatalShellException()


def klist_ok():
  """impala_shell.py, impala_shell_main and do_connect: call(['klist', '-s']) tells whether the
  credentials cache (KRB5CCNAME, else the default one) holds a valid ticket."""
  return subprocess.call(["klist", "-s"]) == 0


# ---- Impala's side ---------------------------------------------------------------------------------

def unescape_sql_string(literal):
  """Hive2MetastoreShimBase.java, unescapeSQLString (Hive's BaseSemanticAnalyzer), as Impala applies it
  to a string literal: \\uXXXX, octal \\[0-1][0-7][0-7], the named escapes, \\% and \\_ kept with their
  backslash, any other escaped character for itself."""
  out, enclosure, i = [], None, 0
  named = {"0": "\0", "'": "'", '"': '"', "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\u001a",
           "\\": "\\", "%": "\\%", "_": "\\_"}
  while i < len(literal):
    c = literal[i]
    if enclosure is None:
      if c in ("'", '"'):
        enclosure = c
    elif c == enclosure:
      enclosure = None
    elif c == "\\" and i + 6 < len(literal) and literal[i + 1] == "u":
      out.append(chr(int(literal[i + 2:i + 6], 16)))
      i += 5
    elif c == "\\" and i + 4 < len(literal) and literal[i + 1] in "01" and literal[i + 2] in "01234567" \
        and literal[i + 3] in "01234567":
      out.append(chr(int(literal[i + 1:i + 4], 8)))
      i += 3
    elif c == "\\" and i + 2 < len(literal):
      out.append(named.get(literal[i + 1], literal[i + 1]))
      i += 1
    else:
      out.append(c)
    i += 1
  return "".join(out)


def string_literal_value(text):
  """StringLiteral.java, getUnescapedValue: the token's text between the quotes, normalized to a
  single-quoted literal (getNormalizedValue: \\" loses its backslash, a bare ' gains one), unescaped."""
  out, i = [], 0
  while i < len(text):
    c = text[i]
    if c == "\\" and i + 1 < len(text):
      n = text[i + 1]
      if n in ('"', "'", "\\"):
        out.append(n if n == '"' else c + n)
        i += 2
        continue
      out.append(c)
    elif c == "'":
      out.append("\\'")
    else:
      out.append(c)
    i += 1
  return unescape_sql_string("'" + "".join(out) + "'")


# sql-scanner.flex: Whitespace, SingleQuoteStringLiteral '(\\.|[^\\'])*', DoubleQuoteStringLiteral,
# identifiers (dotted names kept together here), and the punctuation the inventory's statements use.
IMPALA_TOKEN = re.compile(r"""\s+|'((?:\\.|[^\\'])*)'|"((?:\\.|[^\\"])*)"|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|([(),=*])""")


def impala_tokens(sql):
  tokens, pos = [], 0
  while pos < len(sql):
    m = IMPALA_TOKEN.match(sql, pos)
    if not m:
      raise ServerError("ParseException: Syntax error in line 1:\n%s\nEncountered: Unexpected character"
                        % sql[:200])
    if m.group(1) is not None or m.group(2) is not None:
      tokens.append(("string", string_literal_value(m.group(1) if m.group(1) is not None else m.group(2))))
    elif m.group(3):
      tokens.append(("ident", m.group(3)))
    elif m.group(4):
      tokens.append(("punct", m.group(4)))
    pos = m.end()
  return tokens


def read_rows():
  path = SERVER["rows"]
  if not os.path.exists(path):
    return []
  with io.open(path, encoding="utf-8") as f:
    return [json.loads(line) for line in f if line.strip()]


def run_on_server(sql, identity):
  """The statements the inventory sends, run as Impala would: returns (column labels, rows) for a
  query, None for the others; an error raises ServerError with Impala's message."""
  sql.encode("utf-8")  # the Thrift client sends UTF-8: a lone surrogate raises UnicodeEncodeError
  tokens = impala_tokens(sql)
  words = [v.upper() if k == "ident" else v for k, v in tokens]
  kind = words[0] if words else ""

  def syntax_error():
    return ServerError("ParseException: Syntax error in line 1:\n%s" % sql[:200])

  def table_at(i):
    if i >= len(tokens) or tokens[i][0] != "ident":
      raise syntax_error()
    if tokens[i][1].lower() != TABLE:
      raise ServerError("AnalysisException: Could not resolve table reference: '%s'" % tokens[i][1])
    if SERVER.get("deny", {}).get(kind):
      raise ServerError("AuthorizationException: User '%s' does not have privileges to execute '%s' on: %s"
                        % (identity, kind, TABLE))

  if kind == "REFRESH" and len(tokens) == 2:
    table_at(1)
    return None
  if kind == "INSERT" and words[1:2] == ["INTO"]:
    table_at(2)
    if words[3:4] != ["("] or ")" not in words:
      raise syntax_error()
    close = words.index(")")
    columns = [v for k, v in tokens[4:close] if k == "ident"]
    if words[close + 1] != "VALUES" or words[close + 2] != "(" or words[-1] != ")":
      raise syntax_error()
    values = [v for k, v in tokens[close + 3:-1] if k == "string"]
    if len(values) != len(columns):
      raise ServerError("AnalysisException: Target table '%s' has %d columns but the select list has %d"
                        % (TABLE, len(columns), len(values)))
    with io.open(SERVER["rows"], "a", encoding="utf-8") as f:
      f.write(json.dumps(dict(zip(columns, values)), ensure_ascii=False) + "\n")
    return None
  if kind == "SELECT" and "FROM" in words:
    at = words.index("FROM")
    table_at(at + 1)
    distinct = words[1] == "DISTINCT"
    columns = [v for k, v in tokens[2 if distinct else 1:at] if k == "ident"]
    conditions, where = [], tokens[at + 2:]
    if where:
      if words[at + 2] != "WHERE":
        raise syntax_error()
      # column = 'literal' [AND column = 'literal']...
      for i in range(1, len(where), 4):
        triple = where[i:i + 3]
        if len(triple) != 3 or triple[0][0] != "ident" or triple[1] != ("punct", "=") \
            or triple[2][0] != "string" or (i + 3 < len(where) and words[at + 2 + i + 3] != "AND"):
          raise syntax_error()
        conditions.append((triple[0][1], triple[2][1]))
    rows = [r for r in read_rows() if all(r.get(c) == v for c, v in conditions)]
    result = [[r.get(c) for c in columns] for r in rows]
    if distinct:
      seen, unique = set(), []
      for row in result:
        if tuple(row) not in seen:
          seen.add(tuple(row))
          unique.append(row)
      result = unique
    return columns, result
  raise syntax_error()


# ---- the shell --------------------------------------------------------------------------------------

class DelimitedOutputFormatter(object):
  """shell_output.py, DelimitedOutputFormatter: the delimiter decoded with 'unicode_escape'; rows by
  Python's csv.writer, lineterminator '\\n', QUOTE_MINIMAL; the last line end stripped."""

  def __init__(self, field_delim="\t"):
    self.field_delim = bytearray(field_delim, "utf-8").decode("unicode_escape")

  def format(self, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=self.field_delim, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
      writer.writerow(row)
    return buffer.getvalue().rstrip("\n")


class OutputStream(object):
  """shell_output.py, OutputStream.write: one print() per batch, or appended UTF-8 to --output_file."""

  def __init__(self, formatter, filename=None):
    self.formatter, self.filename = formatter, filename

  def write(self, data):
    text = self.formatter.format(data)
    if self.filename is not None:
      with open(self.filename, "ab") as f:
        f.write(text.encode("utf-8"))
        f.write(b"\n")
    else:
      print(text)


def transpose_nulls(rows):
  # impala_client.py, ImpalaHS2Client._transpose: a NULL value becomes the text 'NULL'
  return [["NULL" if v is None else v for v in row] for row in rows]


class ImpalaShell(object):
  QUERY_OPTIONS = set(SERVER.get("query_options", ["MEM_LIMIT", "SYNC_DDL", "EXPLAIN_LEVEL", "MT_DOP",
                                                   "CLIENT_IDENTIFIER", "REQUEST_POOL"]))

  def __init__(self, options, query_options):
    self.options = options
    self.use_kerberos, self.use_ldap = options.use_kerberos, options.use_ldap
    self.ldap_password = options.ldap_password
    self.user = options.user
    self.connected = False
    self.identity = None
    self.verbose = options.verbose
    self.set_query_options = query_options
    self.set_variables = options.variables
    self.ignore_query_failure = options.ignore_query_failure
    self.do_connect()

  def _connect(self):
    """impala_shell.py, _connect (and impala_client.py's SASL transport): PLAIN with user and password
    for LDAP, GSSAPI with the ticket for Kerberos; a refused login prints 'Error connecting', plus the
    trailing-newline warning when the password came from --ldap_password_cmd and ends in a newline."""
    ldap = SERVER.get("ldap", {})
    if self.use_ldap and (self.user != ldap.get("user") or self.ldap_password != ldap.get("password")):
      if self.options.ldap_password_cmd and self.ldap_password and self.ldap_password.endswith("\n"):
        print("Warning: LDAP password contains a trailing newline. Did you use 'echo' instead of 'echo -n'?",
              file=sys.stderr)
      log_exception_with_timestamp("Bad status: 3 (b'Error validating LDAP user')", "Exception",
                                   "Error connecting TTransportException")
      return
    if self.use_kerberos:
      self.identity = SERVER.get("kerberos_principal", "agent@BANCO.LOCAL")
    else:
      self.identity = self.user
    self.connected = True

  def do_connect(self):
    """impala_shell.py, do_connect: when the login fails without -k and `klist -s` finds a ticket, it
    says so and connects again with Kerberos, dropping the LDAP login."""
    if self.use_ldap and self.ldap_password is None:
      self.ldap_password = getpass.getpass("LDAP password for %s: " % self.user)
    self._connect()
    if not self.connected and not self.use_kerberos:
      try:
        if klist_ok():
          print("Kerberos ticket found in the credentials cache, retrying the connection with a secure "
                "transport.", file=sys.stderr)
          self.use_kerberos, self.use_ldap, self.ldap_password = True, False, None
          self._connect()
      except OSError:
        pass
    if self.connected:
      RECORD["identity"] = self.identity
      if self.verbose:
        print("Connected to %s" % self.options.impalad, file=sys.stderr)
      for option in self.set_query_options:
        if option not in self.QUERY_OPTIONS:
          # do_connect prints this with print(): to stdout, among the rows of -B output.
          print("%s is not supported for the impalad being connected to, ignoring." % option)

  def execute_query_list(self, queries):
    # impala_shell.py, execute_query_list
    if not self.connected:
      print("Not connected to Impala, could not execute queries.", file=sys.stderr)
      return False
    for q in [self.sanitise_input(q) for q in queries]:
      if self.onecmd(q) is False:
        print("Could not execute command: %s" % q, file=sys.stderr)
        if not self.ignore_query_failure:
          return False
    return True

  def sanitise_input(self, args):
    # impala_shell.py, sanitise_input (non-interactive): stripped, trailing ';' removed
    return " ".join(args.strip().split(" ")).rstrip(";")

  def onecmd(self, line):
    """impala_shell.py, onecmd: variables replaced in the whole line first; then the first word picks
    the command (insert/upsert/update/delete → DML; anything else runs as a query)."""
    line = replace_variables(self.set_variables, line)
    if line is None:
      return False
    command = line.strip().split(None, 1)[0].lower() if line.strip() else ""
    return self._execute_stmt(line.strip(), is_dml=command in ("insert", "upsert", "update", "delete"))

  def _execute_stmt(self, query_str, is_dml=False):
    """impala_shell.py, _execute_stmt: a server error is logged with a timestamp and the command fails;
    rows go through the output formatter (the header first with print_header); anything unexpected while
    printing is an 'Unknown Exception' with its traceback."""
    statement = {"sql": query_str, "ok": False}
    RECORD["statements"].append(statement)
    if self.verbose:
      print("Query: %s" % query_str, file=sys.stderr)
    start = time.time()
    try:
      result = run_on_server(query_str, self.identity)
      if is_dml or result is None:
        if self.verbose:
          print("Modified 1 row(s) in %2.2fs" % (time.time() - start) if is_dml
                else "Time elapsed: %2.2fs" % (time.time() - start), file=sys.stderr)
        statement["ok"] = True
        return None
      columns, rows = result
      if not self.options.write_delimited:
        raise NotImplementedError("this fake prints -B (delimited) output only")
      stream = OutputStream(DelimitedOutputFormatter(self.options.output_delimiter), self.options.output_file)
      if self.options.print_header:
        stream.write([columns])
      if rows:  # IMPALA-4418: an empty batch prints nothing
        stream.write(transpose_nulls(rows))
      sys.stdout.flush()
      if self.verbose:
        print("Fetched %d row(s) in %2.2fs" % (len(rows), time.time() - start), file=sys.stderr)
      statement["ok"] = True
      return None
    except ServerError as e:
      log_exception_with_timestamp(e)
    except Exception as e:
      log_exception_with_timestamp(e, "Exception", "Unknown Exception")
      traceback.print_exc()
    return False


def emulate_python36_locale():
  """CPython 3.6 under the C/POSIX locale (PEP 538 and PEP 540 changed this in 3.7): the command line is
  decoded as ASCII (non-ASCII bytes become lone surrogates, which impala_client.py cannot send:
  UnicodeEncodeError), and without PYTHONIOENCODING stdin and stdout are ASCII too."""
  if SERVER.get("python", "3.6") != "3.6":
    return
  locale = os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG") or "C"
  if locale not in ("C", "POSIX"):
    return
  sys.argv = [a.encode("utf-8", "surrogateescape").decode("ascii", "surrogateescape") for a in sys.argv]
  if not os.environ.get("PYTHONIOENCODING"):
    sys.stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="ascii", errors="strict")
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="ascii", errors="strict", line_buffering=True)


def impala_shell_main():
  """impala_shell.py, impala_shell_main: the options, then the global config file (from 3.3.0:
  $IMPALA_SHELL_GLOBAL_CONFIG_FILE, else /etc/impalarc), then ~/.impalarc or --config_file (a named file
  that does not exist is fatal), each overriding the defaults the command line then overrides."""
  try:
    return _main()
  finally:
    with io.open(SERVER["log"], "a", encoding="utf-8") as f:
      f.write(json.dumps(RECORD, ensure_ascii=False) + "\n")


def _main():
  emulate_python36_locale()
  shell_defaults = defaults()
  parser = get_option_parser(dict(shell_defaults))
  options, args = parser.parse_args()
  configs = []
  if version_at_least("3.3.0"):
    global_config = os.path.expanduser(os.environ.get("IMPALA_SHELL_GLOBAL_CONFIG_FILE",
                                                      shell_defaults["global_config_default_path"]))
    if os.path.isfile(global_config):
      if options.verbose:
        print("Loading in options from global config file: %s \n" % global_config, file=sys.stderr)
    elif global_config != shell_defaults["global_config_default_path"]:
      print("%s not found.\n" % global_config, file=sys.stderr)
      raise FatalShellException()
    configs.append(global_config)
  user_config = shell_defaults["config_file"]
  input_config = os.path.expanduser(options.config_file)
  if input_config != user_config:
    if os.path.isfile(input_config):
      user_config = input_config
    else:
      print("%s not found.\n" % input_config, file=sys.stderr)
      raise FatalShellException()
  configs.append(user_config)
  query_options = {}
  loaded = {}
  for config_file in configs:
    s_options, q_options = get_config_from_file(config_file, parser.option_list, shell_defaults)
    loaded.update(s_options)
    query_options.update(q_options)
  shell_defaults.update(loaded)
  parser = get_option_parser(shell_defaults)
  options, args = parser.parse_args()
  if args:
    print('Error, could not parse arguments "%s"' % " ".join(args), file=sys.stderr)
    raise FatalShellException()
  if options.version:
    print(VERSION_STRING)
    return None
  if options.write_delimited:
    delim = bytearray(options.output_delimiter, "utf-8").decode("unicode_escape")
    if len(delim) != 1:
      print("Illegal delimiter %s, the delimiter must be a 1-character string." % delim, file=sys.stderr)
      raise FatalShellException()
  if options.use_kerberos and options.use_ldap:
    print("Please specify at most one authentication mechanism (-k, -l, -j, or -a)", file=sys.stderr)
    raise FatalShellException()
  if not options.ssl and not options.creds_ok_in_clear and options.use_ldap:
    print("LDAP credentials may not be sent over insecure connections. Enable SSL or set "
          "--auth_creds_ok_in_clear", file=sys.stderr)
    raise FatalShellException()
  if not options.use_ldap and options.ldap_password_cmd:
    print("Option --ldap_password_cmd requires using LDAP authentication mechanism (-l)", file=sys.stderr)
    raise FatalShellException()
  if options.use_kerberos:
    try:
      if not klist_ok():
        print("-k requires a valid kerberos ticket but no valid kerberos ticket found.", file=sys.stderr)
        raise FatalShellException()
    except OSError:
      print("klist not found on the system, install kerberos clients", file=sys.stderr)
      raise FatalShellException()
  options.ldap_password = None
  if options.use_ldap and options.ldap_password_cmd:
    options.ldap_password = read_password_cmd(options.ldap_password_cmd, "LDAP password")
    RECORD["password"] = options.ldap_password
  if options.ssl and options.ca_cert is None and not options.verify_cert and options.verbose:
    print("SSL is enabled. Impala server certificates will NOT be verified (set --ca_cert or "
          "--verify_cert to change)", file=sys.stderr)
  RECORD["verifies_certificate"] = bool(options.ssl and (options.ca_cert or options.verify_cert))
  options.variables = parse_variables(options.keyval)
  query_options.update((k.upper(), v) for k, v in parse_variables(options.query_options).items())
  if options.query or options.query_file:
    # impala_shell.py, execute_queries_non_interactive_mode: -f - reads the statements from stdin.
    text = options.query if options.query else \
        sys.stdin.read() if options.query_file == "-" else io.open(options.query_file).read()
    shell = ImpalaShell(options, query_options)
    if shell.execute_query_list(parse_query_text(text)):
      return None
    raise FatalShellException()
  print("this fake runs -q and -f only", file=sys.stderr)
  raise FatalShellException()


if __name__ == "__main__":
  # impala_shell.py, __main__ (how shell/packaging/impala-shell runs it): a fatal error exits 1.
  try:
    impala_shell_main()
  except FatalShellException:
    sys.exit(1)
