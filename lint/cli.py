"""The command line, kept thin: parse -> config -> runner -> reporter -> exit code.

Exit codes: 0 no finding at or above ``fail-on``; 1 findings; 2 usage, config, plugin or
internal error (one line on stderr, never a traceback unless ``--debug``).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from doclint import __version__
from doclint.config import Config, load_config, parse_cli_codes
from doclint.errors import DoclintError
from doclint.models import Severity

app = typer.Typer(
    name="doclint",
    help="A QA linter for folders of text documents: encoding artifacts, missing quotes, truncation, stray punctuation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Scope(str, Enum):
    ALL = "all"
    DOCUMENT = "document"
    CORPUS = "corpus"


class Exit(IntEnum):
    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


def _fail(message: str) -> typer.Exit:
    typer.echo(f"doclint: error: {message}", err=True)
    return typer.Exit(Exit.ERROR)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"doclint {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """doclint: find damaged documents before they slip into a folder."""


CodesOption = Annotated[
    Optional[list[str]], typer.Option(metavar="CODES", help="Rule codes or prefixes, comma-separated.")
]


@app.command()
def check(
    paths: Annotated[
        Optional[list[str]], typer.Argument(metavar="PATHS", help="Files and folders to check (default: .).")
    ] = None,
    select: CodesOption = None,
    extend_select: CodesOption = None,
    ignore: CodesOption = None,
    output_format: Annotated[
        Optional[str],
        typer.Option(metavar="FORMAT", help="full, concise, json, jsonl, github, sarif or a plugin's format."),
    ] = None,
    fail_on: Annotated[Optional[Severity], typer.Option(help="Lowest severity that makes the exit code 1.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Show counts per rule instead of the findings.")
    ] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes, then report the findings that remain.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the fixes as a unified diff and write nothing; exit 1 if any.")
    ] = False,
    baseline: Annotated[
        Optional[Path], typer.Option(metavar="FILE", help="Hide the findings this baseline file holds.")
    ] = None,
    write_baseline: Annotated[
        Optional[str], typer.Option(metavar="FILE", help="Record the findings in a baseline file ('-': stdout).")
    ] = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Processes to check with (default: CPUs).")
    ] = None,
    config: Annotated[
        Optional[Path], typer.Option(metavar="FILE", help="Config file to use instead of the nearest one.")
    ] = None,
    corpus_root: Annotated[
        Optional[list[str]],
        typer.Option(metavar="FOLDER", help="Folder whose documents corpus rules compare against (repeatable)."),
    ] = None,
    disable_plugin: Annotated[
        Optional[list[str]], typer.Option(metavar="NAME", help="Do not load this plugin (repeatable).")
    ] = None,
    scope: Annotated[
        Scope, typer.Option(help="Run only per-document or only corpus rules (the doclint-corpus hook).")
    ] = Scope.ALL,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only: no summary or notices.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for internal errors.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the result cache (.doclint_cache/).")
    ] = False,
    text_field: Annotated[
        Optional[str], typer.Option(metavar="NAME", help="The JSONL record field holding the text (default: text).")
    ] = None,
) -> None:
    """Check documents and report findings."""
    try:
        settings = _settings(config, select, extend_select, ignore, output_format, fail_on, disable_plugin, corpus_root)
        settings = settings.override(scope=scope.value, baseline=baseline, text_field=text_field)
        settings = settings.override(cache=not no_cache)
        if unsafe_fixes and not (fix or diff):
            raise DoclintError("--unsafe-fixes needs --fix or --diff")
        actions = _Actions(fix, unsafe_fixes, diff, write_baseline)
        code = _check(settings, paths or ["."], jobs or usable_cpus(), statistics, quiet, no_color, exit_zero, actions)
    except DoclintError as exc:
        if debug:
            raise
        raise _fail(str(exc)) from None
    raise typer.Exit(code)


def _settings(
    config_path, select, extend_select, ignore, output_format, fail_on, disable_plugin, corpus_root
) -> Config:
    settings = load_config(config_path)
    return settings.override(
        select=parse_cli_codes("select", select),
        extend_select=parse_cli_codes("extend-select", extend_select),
        ignore=parse_cli_codes("ignore", ignore),
        output_format=output_format,
        fail_on=fail_on,
        disable_plugins=(*settings.disable_plugins, *disable_plugin) if disable_plugin else None,
        corpus_root=tuple(corpus_root) if corpus_root else None,
    )


@dataclass(frozen=True)
class _Actions:
    """What a check does besides reporting: fix, show a diff, write a baseline."""

    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    write_baseline: str | None = None


def usable_cpus() -> int:
    """The CPUs this process may run on: a container or ``taskset`` may allow fewer than the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _check(
    settings: Config,
    paths: list[str],
    jobs: int,
    statistics: bool,
    quiet: bool,
    no_color: bool,
    exit_zero: bool,
    actions: _Actions = _Actions(),
) -> int:
    from doclint.discovery import discover
    from doclint.reporters import Report
    from doclint.reporters.statistics import write_statistics
    from doclint.runner import Session, run

    session = Session.create(settings)
    reporters = {reporter.name: reporter for group in session.manager.hook.doclint_reporters() for reporter in group}
    terminal = sys.stdout.isatty()
    format_name = settings.output_format or ("full" if terminal else "concise")
    if format_name not in reporters:
        raise DoclintError(f"unknown output format {format_name!r} (known: {', '.join(sorted(reporters))})")
    targets, notices = discover(paths, settings.include, settings.exclude)
    if actions.fix or actions.diff:
        changed, fix_notices = _fix(session, targets, actions, jobs, quiet, terminal)
        notices.extend(fix_notices)
        if actions.diff:
            _echo_notices(notices, quiet)
            if any(notice.is_error for notice in notices):
                return Exit.ERROR
            return Exit.FINDINGS if changed else Exit.CLEAN
    corpus = []
    if session.corpus_rules:
        roots = list(settings.corpus_root) or _corpus_roots(paths)
        # Folders named on the command line are their own corpus: walked once, not twice.
        corpus = targets if roots == paths else _corpus(roots, settings, targets)
    with _Progress(len(targets), enabled=sys.stderr.isatty() and not quiet) as progress:
        result = run(session, targets, jobs=jobs, corpus=corpus, progress=progress.advance)
    # --fix read the files first: a file it could not read is one notice, not two.
    result.notices = list(dict.fromkeys([*notices, *result.notices]))
    if actions.write_baseline is not None:
        return _write_baseline(actions.write_baseline, session, targets, result, quiet)
    if settings.baseline is not None:
        from doclint.baseline import Baseline

        held = Baseline.load(settings.baseline)
        checked = [target.display for target in targets]
        result.findings, stale = held.filter(result.findings, checked, [rule.code for rule in session.rules])
        result.notices.extend(stale)
    _echo_notices(result.notices, quiet)
    rules = {rule.code: rule for rule in session.rules}
    color = terminal and not no_color and not os.environ.get("NO_COLOR")
    report = Report(result.findings, tuple(result.notices), result.files_checked, rules, color, __version__)
    if statistics:
        write_statistics(report, sys.stdout)
    elif format_name in ("full",) and quiet:
        reporters["concise"].write(report, sys.stdout)
    else:
        reporters[format_name].write(report, sys.stdout)
    if result.internal_errors or any(notice.is_error for notice in result.notices):
        return Exit.ERROR
    return Exit.FINDINGS if result.fails(settings.fail_on) and not exit_zero else Exit.CLEAN


def _corpus(roots: list[str], settings: Config, targets: list) -> list:
    """The files under ``roots``, then the targets not among them: a file named on the
    command line is in its own corpus even when include would not take it."""
    from doclint.discovery import discover

    corpus = discover(roots, settings.include, settings.exclude)[0]
    known = {target.display for target in corpus}
    return corpus + [target for target in targets if target.display not in known]


def _echo_notices(notices, quiet: bool) -> None:
    for notice in notices:
        if notice.is_error or not quiet:
            typer.echo(f"doclint: {notice.path}: {notice.message}", err=True)


def _fix(session, targets, actions: _Actions, jobs: int, quiet: bool, terminal: bool) -> tuple[int, list]:
    """Fix (or, with --diff, print the diff of) every target; the files changed and notices."""
    from doclint.fixing import fix_targets
    from doclint.reporters import printable

    files = fixes = 0
    notices = []
    write = not actions.diff
    for outcome in fix_targets(session, targets, unsafe=actions.unsafe_fixes, write=write, jobs=jobs):
        notices.extend(outcome.notices)
        if outcome.changed:
            files += 1
            fixes += outcome.applied
            if actions.diff:
                text = outcome.diff()
                if terminal:
                    text = "\n".join(printable(line) for line in text.split("\n"))
                sys.stdout.write(text)
    if not quiet:
        plural = "es" if fixes != 1 else ""
        where = f"{files} file{'s' if files != 1 else ''}"
        message = f"applied {fixes} fix{plural} in {where}" if write else f"{fixes} fix{plural} would change {where}"
        typer.echo(f"doclint: {message}", err=True)
    return files, notices


def _write_baseline(name: str, session, targets, result, quiet: bool) -> int:
    from doclint.baseline import Baseline, write

    path = None if name == "-" else Path(name)
    old = Baseline.load(path) if path is not None and path.exists() else None
    checked = [target.display for target in targets]
    codes = [rule.code for rule in session.rules]
    try:
        entries = write(path, result.findings, checked, codes, old)
    except OSError as exc:
        raise DoclintError(f"cannot write baseline file {name}: {exc.strerror or exc}") from None
    _echo_notices(result.notices, quiet)
    if not quiet:
        count = sum(entry.count for entry in entries)
        typer.echo(f"doclint: {name}: recorded {count} finding{'s' if count != 1 else ''}", err=True)
    if result.internal_errors or any(notice.is_error for notice in result.notices):
        return Exit.ERROR
    return Exit.CLEAN


def _corpus_roots(paths: list[str]) -> list[str]:
    """By default corpus rules compare a file with the other files of its folder, and the
    records of a JSONL file with each other (a data file's folder is seldom its corpus)."""
    from doclint.readers.jsonl import is_jsonl

    roots = []
    for given in paths:
        path = Path(given)
        root = given if path.is_dir() or is_jsonl(path) else str(path.parent)
        if root not in roots:
            roots.append(root)
    return roots


class _Progress:
    """A rich progress bar on stderr, shown only once a run has taken a couple of seconds."""

    DELAY = 2.0

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.started = time.monotonic()
        self.bar = None
        self.task = None

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, count: int) -> None:
        self.done += count
        if not self.enabled:
            return
        if self.bar is None and time.monotonic() - self.started > self.DELAY:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("checking", total=self.total, completed=self.done)
            self.bar.start()
        elif self.bar is not None:
            self.bar.update(self.task, completed=self.done)


class RulesFormat(str, Enum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def rules(
    config: Annotated[
        Optional[Path], typer.Option(metavar="FILE", help="Config file to use instead of the nearest one.")
    ] = None,
    output_format: Annotated[
        RulesFormat, typer.Option(help="table, markdown (for a README) or json.")
    ] = RulesFormat.TABLE,
) -> None:
    """List every rule: code, name, family, severity, fixable, plugin."""
    registry = _registry(config)
    if output_format is RulesFormat.JSON:
        import json

        fields = ("code", "name", "family", "severity", "fixable", "scope", "plugin", "summary")
        rows = [{field: getattr(rule, field) for field in fields} for rule in registry.rules]
        typer.echo(json.dumps(rows, indent=2, default=str))
    elif output_format is RulesFormat.MARKDOWN:
        typer.echo(rules_markdown(registry.rules))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("code", "name", "family", "severity", "fixable", "plugin", box=None, pad_edge=False)
        for rule in registry.rules:
            fix = fix_safety(rule)[0]
            table.add_row(rule.code, rule.name, rule.family, rule.severity.value, fix, rule.plugin)
        Console(highlight=False).print(table)


def rules_markdown(rules) -> str:
    """The rules as a Markdown table, then each fix's safety: the README's table is this output."""
    lines = ["| Code | Name | Severity | Fix | What it finds |", "| --- | --- | --- | --- | --- |"]
    for rule in rules:
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| `{rule.code}` | {rule.name} | {rule.severity.value} | {fix_safety(rule)[0]} | {summary} |")
    fixable = [rule for rule in rules if rule.fixable]
    if fixable:
        lines += ["", "Fix safety, from each rule's documentation (`--fix` applies safe fixes only):", ""]
        lines += [f"- `{rule.code}` {rule.name} ({fix_safety(rule)[0]}): {fix_safety(rule)[1]}" for rule in fixable]
    return "\n".join(lines)


def fix_safety(rule) -> tuple[str, str]:
    """A fixable rule's fix safety: ``safe``, ``unsafe`` or ``safe or unsafe``, and its text.

    Read from the rule's "Fix safety" section: "unsafe" there makes the fix unsafe, "safe"
    too makes it depend on the case. A fixable rule that does not document it says "yes".
    """
    if not rule.fixable:
        return "", ""
    import re

    match = re.search(r"^##\s*Fix safety\s*\n(.*?)(?=^##\s|\Z)", rule.doc, re.DOTALL | re.MULTILINE)
    if match is None:
        return "yes", "not documented."
    text = " ".join(match.group(1).split()).replace("|", "\\|")
    unsafe = re.search(r"\bunsafe\b|\bnot safe\b", text, re.IGNORECASE)
    safe = re.search(r"(?<!not )\bsafe\b", text, re.IGNORECASE)
    label = "safe or unsafe" if unsafe and safe else "unsafe" if unsafe else "safe" if safe else "yes"
    return label, text


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code such as QUO002.")]) -> None:
    """Print a rule's documentation."""
    registry = _registry(None)
    rule = registry.get(code)
    if rule is None:
        raise _fail(f"unknown rule code {code!r} (see `doclint rules`)")
    fix = fix_safety(rule)[0] or "no"
    typer.echo(
        f"# {rule.code} {rule.name}\n\nfamily: {rule.family} | severity: {rule.severity.value} | fixable: {fix} | plugin: {rule.plugin}\n"
    )
    typer.echo(rule.doc)


@app.command()
def plugins(
    config: Annotated[
        Optional[Path], typer.Option(metavar="FILE", help="Config file to use instead of the nearest one.")
    ] = None,
) -> None:
    """List the loaded plugins: name, distribution, version and rule codes."""
    from rich.console import Console
    from rich.table import Table

    registry, manager = _registry(config, with_manager=True)
    table = Table("name", "distribution", "version", "rules", box=None, pad_edge=False)
    for name, info in sorted(manager.infos.items()):
        codes = ", ".join(rule.code for rule in registry.rules if rule.plugin == name)
        table.add_row(name, info.distribution, info.version, codes)
    Console(highlight=False).print(table)


def _registry(config_path: Path | None, *, with_manager: bool = False):
    from doclint.plugin_manager import build_plugin_manager
    from doclint.registry import Registry

    try:
        settings = load_config(config_path)
        manager = build_plugin_manager(settings.disable_plugins)
        registry = Registry.from_plugins(manager)
    except DoclintError as exc:
        raise _fail(str(exc)) from None
    return (registry, manager) if with_manager else registry


def main() -> None:
    try:
        app()
    except Exception as exc:  # a bug, ours or a plugin's: exit 2 with one line, never 1 ("findings")
        if "--debug" in sys.argv:
            raise
        typer.echo(f"doclint: error: internal error: {type(exc).__name__}: {exc} (--debug shows a traceback)", err=True)
        sys.exit(Exit.ERROR)
