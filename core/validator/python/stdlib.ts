/**
 * When each standard-library module, function, class and keyword argument that routines use
 * appeared, from the "New in version" / "Changed in version" notes of the Python documentation.
 * Only what appeared after Python 3.0 is listed; anything absent is taken as old enough.
 * Keys are fully qualified names as the code would resolve them (`datetime.datetime.fromisoformat`).
 */
export const STDLIB_SINCE: Readonly<Record<string, string>> = {
  // modules
  secrets: "3.6", dataclasses: "3.7", contextvars: "3.7", zoneinfo: "3.9", graphlib: "3.9", tomllib: "3.11",
  "importlib.resources": "3.7", "importlib.metadata": "3.8", "multiprocessing.shared_memory": "3.8",
  "asyncio.runners": "3.7", "asyncio.taskgroups": "3.11", "asyncio.timeouts": "3.11", "wsgiref.types": "3.11",
  // builtins
  breakpoint: "3.7", aiter: "3.10", anext: "3.10",
  // os / os.path / sys
  "os.fspath": "3.6", "os.PathLike": "3.6", "os.register_at_fork": "3.7", "os.add_dll_directory": "3.8",
  "os.memfd_create": "3.8", "os.pidfd_open": "3.9", "os.waitstatus_to_exitcode": "3.9", "os.eventfd": "3.10",
  "os.splice": "3.10", "os.login_tty": "3.11", "os.process_cpu_count": "3.13", "os.path.isjunction": "3.12",
  "os.path.splitroot": "3.12", "os.path.isreserved": "3.13",
  "sys.breakpointhook": "3.7", "sys.get_coroutine_origin_tracking_depth": "3.7", "sys.pycache_prefix": "3.8",
  "sys.unraisablehook": "3.8", "sys.audit": "3.8", "sys.addaudithook": "3.8", "sys.platlibdir": "3.9",
  "sys.orig_argv": "3.10", "sys.stdlib_module_names": "3.10", "sys.exception": "3.11",
  "sys.activate_stack_trampoline": "3.12", "sys.monitoring": "3.12",
  // subprocess
  "subprocess.CompletedProcess": "3.5", "subprocess.run": "3.5",
  // json / re / string / textwrap
  "re.Pattern": "3.8", "re.Match": "3.8", "re.NOFLAG": "3.11", "re.RegexFlag": "3.6",
  // datetime / time / calendar
  "datetime.datetime.fromisoformat": "3.7", "datetime.date.fromisoformat": "3.7", "datetime.time.fromisoformat": "3.7",
  "datetime.date.fromisocalendar": "3.8", "datetime.datetime.fromisocalendar": "3.8", "datetime.UTC": "3.11",
  "time.time_ns": "3.7", "time.monotonic_ns": "3.7", "time.perf_counter_ns": "3.7", "time.process_time_ns": "3.7",
  "time.thread_time": "3.7", "time.thread_time_ns": "3.7", "time.clock_gettime_ns": "3.7", "time.pthread_getcpuclockid": "3.7",
  "calendar.Month": "3.12", "calendar.Day": "3.12",
  // logging
  "logging.getLevelNamesMapping": "3.11", "logging.getHandlerByName": "3.12", "logging.getHandlerNames": "3.12",
  // math / statistics / random
  "math.tau": "3.6", "math.remainder": "3.7", "math.dist": "3.8", "math.prod": "3.8", "math.perm": "3.8",
  "math.comb": "3.8", "math.isqrt": "3.8", "math.lcm": "3.9", "math.nextafter": "3.9", "math.ulp": "3.9",
  "math.cbrt": "3.11", "math.exp2": "3.11", "math.sumprod": "3.12", "math.fma": "3.13",
  "statistics.harmonic_mean": "3.6", "statistics.fmean": "3.8", "statistics.geometric_mean": "3.8",
  "statistics.multimode": "3.8", "statistics.quantiles": "3.8", "statistics.NormalDist": "3.8",
  "statistics.correlation": "3.10", "statistics.covariance": "3.10", "statistics.linear_regression": "3.10",
  "statistics.kde": "3.13", "random.choices": "3.6", "random.randbytes": "3.9", "random.binomialvariate": "3.12",
  // functools / itertools / operator / collections
  "functools.cached_property": "3.8", "functools.singledispatchmethod": "3.8", "functools.cache": "3.9",
  "itertools.pairwise": "3.10", "itertools.batched": "3.12", "operator.call": "3.11",
  "collections.abc.AsyncGenerator": "3.6", "collections.abc.Collection": "3.6", "collections.abc.Reversible": "3.6",
  "collections.abc.Buffer": "3.12",
  // typing
  "typing.NoReturn": "3.6", "typing.Deque": "3.6", "typing.DefaultDict": "3.6",
  "typing.ContextManager": "3.6", "typing.Counter": "3.6", "typing.ChainMap": "3.6", "typing.AsyncGenerator": "3.6",
  "typing.Collection": "3.6", "typing.Coroutine": "3.6", "typing.Type": "3.6", "typing.Text": "3.6",
  "typing.NewType": "3.6", "typing.OrderedDict": "3.7", "typing.ForwardRef": "3.7",
  "typing.Literal": "3.8", "typing.Protocol": "3.8", "typing.TypedDict": "3.8", "typing.Final": "3.8",
  "typing.final": "3.8", "typing.runtime_checkable": "3.8", "typing.SupportsIndex": "3.8",
  "typing.get_origin": "3.8", "typing.get_args": "3.8", "typing.Annotated": "3.9",
  "typing.ParamSpec": "3.10", "typing.Concatenate": "3.10", "typing.TypeAlias": "3.10", "typing.TypeGuard": "3.10",
  "typing.is_typeddict": "3.10", "typing.Self": "3.11", "typing.Never": "3.11", "typing.LiteralString": "3.11",
  "typing.TypeVarTuple": "3.11", "typing.Unpack": "3.11", "typing.Required": "3.11", "typing.NotRequired": "3.11",
  "typing.assert_never": "3.11", "typing.assert_type": "3.11", "typing.reveal_type": "3.11",
  "typing.dataclass_transform": "3.11", "typing.override": "3.12", "typing.TypeAliasType": "3.12",
  "typing.TypeIs": "3.13", "typing.ReadOnly": "3.13",
  // pathlib / shutil / glob / tempfile
  "pathlib.Path.is_relative_to": "3.9", "pathlib.PurePath.is_relative_to": "3.9", "pathlib.Path.with_stem": "3.9",
  "pathlib.Path.walk": "3.12", "pathlib.Path.from_uri": "3.13", "pathlib.UnsupportedOperation": "3.13",
  "shutil.disk_usage": "3.3",
  // importlib / asyncio / concurrent.futures / contextlib
  "importlib.util.source_hash": "3.7", "importlib.reload": "3.4",
  "asyncio.run": "3.7", "asyncio.create_task": "3.7", "asyncio.get_running_loop": "3.7", "asyncio.current_task": "3.7",
  "asyncio.all_tasks": "3.7", "asyncio.BufferedProtocol": "3.7", "asyncio.to_thread": "3.9", "asyncio.timeout": "3.11",
  "asyncio.timeout_at": "3.11", "asyncio.TaskGroup": "3.11", "asyncio.Runner": "3.11", "asyncio.Barrier": "3.11",
  "asyncio.eager_task_factory": "3.12",
  "concurrent.futures.InvalidStateError": "3.8",
  "contextlib.nullcontext": "3.7", "contextlib.asynccontextmanager": "3.7", "contextlib.AbstractAsyncContextManager": "3.7",
  "contextlib.AsyncExitStack": "3.7", "contextlib.aclosing": "3.10", "contextlib.chdir": "3.11",
  "contextlib.AsyncContextDecorator": "3.10",
  // argparse / csv / configparser / uuid / enum / string / html / http / urllib
  "argparse.BooleanOptionalAction": "3.9", "enum.auto": "3.6", "enum.Flag": "3.6", "enum.IntFlag": "3.6",
  "enum.StrEnum": "3.11", "enum.ReprEnum": "3.11", "enum.verify": "3.11", "enum.member": "3.11",
  "enum.nonmember": "3.11", "enum.property": "3.11", "enum.global_enum": "3.11",
  "http.HTTPMethod": "3.11", "uuid.SafeUUID": "3.7", "string.Template.is_valid": "3.11",
  "string.Template.get_identifiers": "3.11", "ipaddress.IPv4Address.is_global": "3.4",
  "hashlib.blake2b": "3.6", "hashlib.blake2s": "3.6", "hashlib.sha3_256": "3.6", "hashlib.sha3_512": "3.6",
  "hashlib.shake_128": "3.6", "hashlib.scrypt": "3.6", "hashlib.file_digest": "3.11",
  "shlex.join": "3.8", "math.isclose": "3.5", "heapq.merge": "3.5",
};

/** Keyword arguments added to existing callables: `subprocess.run(capture_output=…)` is 3.7. */
export const KWARGS_SINCE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "subprocess.run": { capture_output: "3.7", text: "3.7", encoding: "3.6", errors: "3.6", process_group: "3.11" },
  "subprocess.Popen": { encoding: "3.6", errors: "3.6", text: "3.7", group: "3.9", extra_groups: "3.9", user: "3.9", umask: "3.9", pipesize: "3.10", process_group: "3.11" },
  "subprocess.check_output": { encoding: "3.6", errors: "3.6", text: "3.7", capture_output: "3.7" },
  "subprocess.check_call": { encoding: "3.6", errors: "3.6", text: "3.7" },
  "subprocess.call": { encoding: "3.6", errors: "3.6", text: "3.7" },
  "collections.namedtuple": { module: "3.6", defaults: "3.7" },
  "logging.basicConfig": { force: "3.8", encoding: "3.9", errors: "3.9" },
  "logging.FileHandler": { errors: "3.9" },
  "shutil.copytree": { dirs_exist_ok: "3.8" },
  "glob.glob": { root_dir: "3.10", dir_fd: "3.10", include_hidden: "3.11" },
  "glob.iglob": { root_dir: "3.10", dir_fd: "3.10", include_hidden: "3.11" },
  "argparse.ArgumentParser": { allow_abbrev: "3.5", exit_on_error: "3.9" },
  "concurrent.futures.ThreadPoolExecutor": { thread_name_prefix: "3.6", initializer: "3.7", initargs: "3.7" },
  "concurrent.futures.ProcessPoolExecutor": { mp_context: "3.7", initializer: "3.7", initargs: "3.7", max_tasks_per_child: "3.11" },
  "datetime.datetime.isoformat": { timespec: "3.6" },
  "itertools.accumulate": { initial: "3.8" },
  "tempfile.TemporaryDirectory": { ignore_cleanup_errors: "3.10", delete: "3.12" },
  "tempfile.NamedTemporaryFile": { delete_on_close: "3.12" },
  "pathlib.Path.unlink": { missing_ok: "3.8" },
  "zipfile.ZipFile": { strict_timestamps: "3.8", metadata_encoding: "3.11" },
  "random.sample": { counts: "3.9" },
  "zip": { strict: "3.10" },
  "urllib.parse.parse_qs": { max_num_fields: "3.8", separator: "3.10" },
};

/** Methods worth flagging when called on a literal (`"a".removeprefix("x")`). */
export const LITERAL_METHODS_SINCE: Readonly<Record<string, string>> = {
  removeprefix: "3.9",
  removesuffix: "3.9",
  isascii: "3.7",
};
