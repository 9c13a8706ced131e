"""The command line. Thin on purpose: parse options, call one function, report, exit.

Heavy modules are imported inside the commands so that ``mcauthor --help`` stays fast.
Exit status: 0 nothing reached the fail level, 1 something did, 2 the command cannot run.
"""

from __future__ import annotations

import os
import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from mcauthor import __version__
from mcauthor.clihelp import HelpGroup
from mcauthor.export import FORMATS as EXPORT_FORMATS
from mcauthor.words import plural

app = typer.Typer(
    name="mcauthor",
    help="Lint, build and publish educator micro-credential catalogs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=HelpGroup,
)


class Format(str, Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    markdown = "markdown"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class SchemaKind(str, Enum):
    config = "config"
    credential = "credential"
    stack = "stack"
    research = "research"
    catalog_json = "catalog-json"  # data/catalog.json
    ctdl = "ctdl"  # data/ctdl/*.json


def fail(reason: str) -> NoReturn:
    """Stop with exit status 2 and a one-line reason."""
    typer.echo(f"mcauthor: error: {_one_line(reason)}", err=True)
    raise typer.Exit(2)


MESSAGE_MAX = 500  # characters of an error message that may quote catalog text
PORT_MAX = 65535  # the highest TCP port: serve --port


def _one_line(text: str) -> str:
    """A message that may quote catalog text, made safe for a terminal or CI log: one
    line, no control characters, and not longer than a screenful."""
    from mcauthor.report import printable

    line = printable(text)
    return line if len(line) <= MESSAGE_MAX else line[: MESSAGE_MAX - 1] + "…"


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for value in values or [] for v in value.split(",") if v.strip())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mcauthor {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Lint, build and publish educator micro-credential catalogs."""


@app.command()
def lint(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Argument(
            metavar="PATH",
            help="The catalog folder or any path inside it (the whole catalog is checked). "
            "Default: the current folder.",
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="Report format; auto = github inside GitHub Actions."),
    ] = Format.auto,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file instead of stdout.",
        ),
    ] = None,
    select: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            metavar="CODES",
            help="Only these rules: codes, code prefixes (MC2) or names; repeatable.",
        ),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            metavar="CODES", help="Skip these rules: codes, code prefixes or names; repeatable."
        ),
    ] = None,
    fail_on: Annotated[
        Optional[Level],  # noqa: UP045
        typer.Option("--fail-on", help="Lowest severity that fails (exit 1). Default: config."),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Read every file again instead of using the lint cache."),
    ] = False,
    changed_since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Report only findings in files changed since this git ref (its merge base "
            "with HEAD, plus uncommitted and untracked files), and catalog-integrity errors "
            "anywhere. The whole catalog is still checked.",
        ),
    ] = None,
    rules_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--rules-url",
            metavar="URL",
            envvar="MCAUTHOR_RULES_URL",
            help="Where the rules' documentation (docs/rules.md) is published: SARIF links "
            "each rule to its section there. Default: mcauthor's own, on its main branch.",
        ),
    ] = None,
) -> None:
    """Check a catalog against Digital Promise's four criteria and the catalog format."""
    from mcauthor.lint import LintOptions
    from mcauthor.lint import lint as run_lint
    from mcauthor.loader import CannotRun, find_root
    from mcauthor.report import choose

    if rules_url is not None and not rules_url.startswith(("https://", "http://")):
        fail(f"--rules-url must be an http(s) address, not `{rules_url}`")
    targets = paths or [Path(".")]
    try:
        roots = {find_root(p) for p in targets}
        if len(roots) > 1:
            fail("the paths belong to different catalogs; lint one catalog at a time")
        root = roots.pop()
        changed = None
        if changed_since is not None:
            from mcauthor.changed import changed_files

            changed = changed_files(root, changed_since)
        options = LintOptions(
            select=_split(select),
            ignore=_split(ignore),
            fail_on=fail_on.value if fail_on else None,
            cache=not no_cache,
            changed=changed,
        )
        result = run_lint(root, options)
    except CannotRun as exc:
        fail(str(exc))
    chosen = choose(fmt.value)
    terminal = output is None and sys.stdout.isatty()
    color = terminal and "NO_COLOR" not in os.environ
    report = _render(chosen, result, color, rules_url, terminal=terminal)
    # The text report's summary counts what is shown; say what --changed-since left out.
    hidden = (
        f"Not shown: {plural(result.hidden, 'finding')} in files "
        f"unchanged since {changed_since} (--changed-since).\n"
        if result.hidden
        else ""
    )
    if chosen == "text":
        report += hidden
    if output is not None:
        _write_file(output, report.encode("utf-8"), root)
        if chosen != "text":
            from mcauthor.report.text import summary_line

            typer.echo(summary_line(result), err=True)
            if hidden:
                typer.echo(hidden, err=True, nl=False)
    else:
        sys.stdout.write(report)
    raise typer.Exit(1 if result.failed else 0)


def _write_file(path: Path, data: bytes, catalog_root: Path) -> None:
    """Write a file named on the command line through the one safe writer."""
    from mcauthor.errors import CannotRun
    from mcauthor.files import write_file

    try:
        write_file(path, data, catalog_root)
    except CannotRun as exc:
        fail(str(exc))


def _render(
    fmt: str, result: object, color: bool, rules_url: str | None = None, *, terminal: bool
) -> str:
    from mcauthor.lint import LintResult

    assert isinstance(result, LintResult)
    if fmt == "json":
        from mcauthor.report import json_report

        return json_report.render(result)
    if fmt == "github":
        from mcauthor.report import github

        return github.render(result)
    if fmt == "sarif":
        from mcauthor.report import sarif

        return sarif.render(result, rules_url or sarif.RULES_URL)
    if fmt == "markdown":
        from mcauthor.report import markdown

        return markdown.render(result)
    from mcauthor.report import text

    # Fit a terminal; a file, a pipe or a CI log gets whole lines (nothing wraps there).
    width = shutil.get_terminal_size().columns if terminal else None
    return text.render(result, color=color, width=width)


_LimitOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--limit",
        metavar="NAME=VALUE",
        help="Raise or lower a budget: page_seconds (default 30), page_mb (64), "
        "page_memory_mb (2048), guide_seconds (900), guide_mb (1024), guide_memory_mb "
        "(8192); repeatable. A catalog's build.limits may only lower these.",
    ),
]


_NoBomOption = Annotated[
    bool,
    typer.Option(
        "--no-bom",
        help="Write credentials.csv without the UTF-8 byte-order mark that Excel needs to "
        "read non-ASCII text (for tools that would take the mark as text).",
    ),
]


def _export_help() -> str:
    """The --format help, from the export registry."""
    single = " and ".join(n for n, f in EXPORT_FORMATS.items() if f.single)
    several = " and ".join(n for n, f in EXPORT_FORMATS.items() if not f.single)
    return (
        f"{single} are one file each; {several} are one file per credential (and stack), "
        "so they need --out; all = everything build writes under data/."
    )


# The --format choices: the export registry's formats, and all of them.
ExportFormat = Enum(  # type: ignore[misc]
    "ExportFormat", [(name, name) for name in (*EXPORT_FORMATS, "all")], type=str
)
_DEFAULT_EXPORT = ExportFormat("catalog-json")


def _limits(items: list[str] | None) -> Any:
    from mcauthor.limits import Limits

    return Limits.parse(_split(items))


@app.command()
def build(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The catalog folder or any path inside it.")
    ] = Path("."),
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Output folder. Default: build.out in mcauthor.yaml, else site/.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="The publishing mode: refuse to build on lint warnings too (placeholders "
            "left to fill in, say), not only on errors.",
        ),
    ] = False,
    full: Annotated[
        bool,
        typer.Option("--full", help="Read and render everything again, ignoring the caches."),
    ] = False,
    no_guides: Annotated[
        bool,
        typer.Option("--no-guides", help="Leave the PDF guides out (a faster build)."),
    ] = False,
    limit: _LimitOption = None,
    no_bom: _NoBomOption = False,
) -> None:
    """Build the catalog website, its PDF guides and its data files into one folder."""
    from mcauthor.build import BuildError, BuildRefused
    from mcauthor.build import build as run_build
    from mcauthor.loader import CannotRun

    tty = sys.stderr.isatty()
    progress = _progress() if tty else None
    try:
        limits = _limits(limit)
        if progress is not None:
            with progress:
                pdfs = progress.add_task("PDF guides", total=None, visible=False)
                task = progress.add_task("Writing", total=None)
                result = run_build(
                    path,
                    out,
                    strict=strict,
                    incremental=not full,
                    guides=not no_guides,
                    on_plan=lambda n: progress.update(task, total=n),
                    on_done=lambda job: progress.advance(task),
                    on_guides=(
                        lambda n: progress.update(pdfs, total=n, visible=n > 0),
                        lambda k: progress.advance(pdfs, k),
                    ),
                    limits=limits,
                    csv_bom=not no_bom,
                )
        else:
            result = run_build(
                path,
                out,
                strict=strict,
                incremental=not full,
                guides=not no_guides,
                limits=limits,
                csv_bom=not no_bom,
            )
    except CannotRun as exc:
        fail(str(exc))
    except BuildRefused as refused:
        _refused(refused, "built")
    except BuildError as exc:
        message = _one_line(str(exc))
        typer.echo(f"mcauthor: build failed, previous output left untouched: {message}", err=True)
        raise typer.Exit(1) from None
    _warn(result.notes)
    _warn_placeholders(result.lint, "build")
    typer.echo(result.summary())


def _warn_placeholders(result: Any, command: str) -> None:
    """One line when a build or export published text still to be written (MC514)."""
    from mcauthor import placeholders

    number = placeholders.count(d.code for d in result.diagnostics)
    if number:
        _warn([placeholders.left(number, command)])


def _warn(notes: tuple[str, ...] | list[str]) -> None:
    for note in notes:
        typer.echo(f"mcauthor: warning: {note}", err=True)


def _refused(refused: Any, verb: str) -> NoReturn:
    """Print the lint report that stopped a build or export, then exit 1."""
    from mcauthor.report import text

    color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    # The report's verdict is the refusing level: "Failed ... (fails on ...)".
    sys.stderr.write(text.render(refused.result, color=color))
    typer.echo(f"mcauthor: not {verb}: {refused.reason()}; fix them, then try again", err=True)
    raise typer.Exit(1)


@app.command()
def export(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The catalog folder or any path inside it.")
    ] = Path("."),
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help=_export_help()),
    ] = _DEFAULT_EXPORT,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder to write into, with the layout of the site's data/ folder. "
            "Default for catalog-json and csv: standard output.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="The publishing mode: refuse to export on lint warnings too (placeholders "
            "left to fill in, say), not only on errors.",
        ),
    ] = False,
    no_bom: _NoBomOption = False,
) -> None:
    """Export catalog data (catalog JSON, Open Badges 3.0, CTDL, CSV) without a site build."""
    from mcauthor.export import FORMATS
    from mcauthor.export.standalone import export as run_export
    from mcauthor.export.standalone import write_files
    from mcauthor.loader import CannotRun
    from mcauthor.output.target import outside_sources
    from mcauthor.prepare import BuildRefused

    name = str(fmt.value)
    formats = tuple(FORMATS) if name == "all" else (name,)
    if out is None and (name == "all" or FORMATS[name].single is None):
        fail(f"--format {name} writes several files: give --out DIR")
    try:
        result = run_export(path, formats, strict=strict, csv_bom=not no_bom)
        if out is not None:
            outside_sources(result.lint.catalog.root.absolute(), out.absolute())
    except CannotRun as exc:
        fail(str(exc))
    except BuildRefused as refused:
        _refused(refused, "exported")
    _warn(result.notes)
    _warn_placeholders(result.lint, "export")
    if out is None:
        sys.stdout.buffer.write(result.files[0][1])
        sys.stdout.flush()
        return
    try:
        written = write_files(out, result.files)
    except CannotRun as exc:  # export.WriteError: one line that names the file
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write to {out}: {exc.strerror or exc}")
    typer.echo(f"Exported {len(written)} file(s) to {out}.")


@app.command()
def guide(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="A credential id, a stack id, or `catalog`.")
    ],
    path: Annotated[
        Path,
        typer.Option(
            "--catalog", "-c", metavar="PATH", help="The catalog folder or any path inside it."
        ),
    ] = Path("."),
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out", "-o", metavar="FILE", help="Where to write the PDF. Default: ID.pdf here."
        ),
    ] = None,
    limit: _LimitOption = None,
) -> None:
    """Render one printable PDF guide (a credential's, a stack's or the whole catalog's)."""
    from mcauthor.errors import BuildError, CannotRun
    from mcauthor.pdf import guides
    from mcauthor.prepare import BuildRefused, prepare

    target = out or Path(f"{ident}.pdf")
    try:
        prepared = prepare(path, guides=True, limits=_limits(limit))
        found = guides.find_guide(prepared.context, ident)
        if found is None:
            fail(f"no credential or stack `{ident}`" + _known_guides(ident, prepared.context))
        where, data = found
        dirs = tuple(str(d) for d in guides.template_dirs(prepared.root))
        paper = prepared.catalog.config.build.paper
        task = guides.GuideTask(where, str(data["kind"]), data, dirs, paper, prepared.epoch)
        pdf = guides.render_tasks([task], limits=prepared.limits)[0]
        _write_file(target, pdf, prepared.root)
    except CannotRun as exc:
        fail(str(exc))
    except BuildRefused as refused:
        _refused(refused, "rendered")
    except BuildError as exc:
        typer.echo(f"mcauthor: guide failed: {_one_line(str(exc))}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    typer.echo(f"Wrote {target} ({len(pdf):,} bytes).")


def _known_guides(ident: str, context: Any) -> str:
    """A close id, or where to find the ids."""
    from mcauthor.suggest import did_you_mean_or

    ids = [c.id for c in context.catalog.credentials] + [s.id for s in context.pathway.stacks]
    known = (
        "`mcauthor stacks` lists the credential and stack ids, and `catalog` is "
        "the whole catalog's guide"
    )
    return did_you_mean_or(ident, [*ids, "catalog"], known)


@app.command()
def serve(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The catalog folder or any path inside it.")
    ] = Path("."),
    port: Annotated[
        int,
        typer.Option(
            "--port",
            "-p",
            metavar="PORT",  # its range is checked below: typer's help would show "0<=x<=65535"
            help="Port to listen on (0 to 65535); 0 picks a free one.",
        ),
    ] = 8000,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS",
            help="Address to listen on; anything but 127.0.0.1 shares the preview.",
        ),
    ] = "127.0.0.1",
    guides: Annotated[
        bool,
        typer.Option("--guides", help="Build the PDF guides too (left out by default: slow)."),
    ] = False,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the preview in the web browser.")
    ] = False,
    limit: _LimitOption = None,
) -> None:
    """Preview the website: rebuild on every save, reload the browser, show lint problems.

    Drafts and lint errors render too, each page listing its own findings; a file that
    cannot be read keeps the last good pages. Builds into a temporary folder (never site/)
    and leaves the PDF guides out unless --guides. Ctrl-C stops it.
    """
    from mcauthor.loader import CannotRun
    from mcauthor.serve import serve as run_serve

    if not 0 <= port <= PORT_MAX:
        fail(f"--port must be between 0 and {PORT_MAX}, not {port}")
    try:
        run_serve(
            path,
            host=host,
            port=port,
            guides=guides,
            open_browser=open_browser,
            limits=_limits(limit),
        )
    except CannotRun as exc:
        fail(str(exc))


def _progress() -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )


class StacksFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def stacks(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The catalog folder or any path inside it.")
    ] = Path("."),
    fmt: Annotated[StacksFormat, typer.Option("--format", "-f", help="Output format.")] = (
        StacksFormat.text
    ),
    stack: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--stack", "-s", metavar="ID", help="Show only this stack (its id)."),
    ] = None,
    svg: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--svg", metavar="FILE", help="Also write the pathway picture (SVG) to this file."
        ),
    ] = None,
) -> None:
    """Show the stacks in pathway order with their credentials, hours and prerequisites."""
    from mcauthor import stacks_report
    from mcauthor.lint import gather
    from mcauthor.loader import CannotRun
    from mcauthor.stacks import resolve
    from mcauthor.suggest import did_you_mean_or, some_of

    try:
        catalog, _, _ = gather(path)
    except CannotRun as exc:
        fail(str(exc))
    pathway = resolve(catalog)
    if stack is not None:
        if pathway.stack(stack) is None:
            ids = [s.id for s in pathway.stacks]
            known = f"the catalog's stacks: {some_of(ids)}" if ids else "the catalog has no stacks"
            fail(f"no stack `{stack}`" + did_you_mean_or(stack, ids, known))
        pathway = stacks_report.focus(pathway, stack)
    if svg is not None:
        from mcauthor.pathway import svg as pathway_svg

        picture = pathway_svg.render(pathway, title=f"{catalog.config.title}: pathway")
        _write_file(svg, picture.encode("utf-8"), catalog.root)
    if fmt is StacksFormat.json:
        sys.stdout.write(stacks_report.render_json(catalog, pathway))
        return
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(stacks_report.render_text(catalog, pathway, color=color))


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def rules(
    code: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="CODE", help="A rule code or name; without it, list every rule."),
    ] = None,
    fmt: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = (
        RulesFormat.text
    ),
    full: Annotated[
        bool, typer.Option("--all", help="Print every rule's full documentation (markdown).")
    ] = False,
) -> None:
    """List the lint rules, or show one rule's documentation with its examples."""
    from mcauthor import ruledocs

    if full and code is None:
        sys.stdout.write(ruledocs.reference())
        return
    if code is None:
        sys.stdout.write(ruledocs.listing(fmt.value))
        return
    rule = ruledocs.find(code)
    if rule is None:
        from mcauthor.rules import retired

        gone = retired(code)
        if gone is not None:  # old suppressions send people here: say what replaced it
            sys.stdout.write(ruledocs.retired_document(*gone, fmt.value))
            return
        fail(f"no rule `{code}`{_rule_suggestion(code)} (`mcauthor rules` lists them all)")
    sys.stdout.write(ruledocs.document(rule, fmt.value))


def _rule_suggestion(word: str) -> str:
    """``; did you mean MC514 `placeholder-text`?`` for a mistyped rule code or name."""
    from mcauthor.rules import all_rules
    from mcauthor.suggest import closest

    by_key = {key: rule for rule in all_rules() for key in (rule.code, rule.name)}
    found = closest(word, by_key, loose=True)
    if found is None:
        return ""
    rule = by_key[found]
    return f"; did you mean {rule.code} `{rule.name}`?"


@app.command()
def schema(
    kind: Annotated[
        str,  # not the SchemaKind choice: checked here, so that a typo gets "did you mean"
        typer.Argument(
            metavar="KIND",
            autocompletion=lambda incomplete: [
                k.value for k in SchemaKind if k.value.startswith(incomplete)
            ],
            help="Which file's schema to print: " + ", ".join(k.value for k in SchemaKind) + ".",
        ),
    ],
) -> None:
    """Print the JSON Schema (Draft 2020-12) of a catalog file kind or of an export."""
    from mcauthor.schema import schema_text
    from mcauthor.suggest import did_you_mean_or

    kinds = [k.value for k in SchemaKind]
    if kind not in kinds:
        known = "KIND is one of " + ", ".join(kinds)
        fail(f"no schema kind `{kind}`" + did_you_mean_or(kind, kinds, known))
    sys.stdout.write(schema_text(kind))


def _stdin_is_tty() -> bool:
    """Whether init may ask questions (a function, so that tests can pretend)."""
    return sys.stdin.isatty()


@app.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="Folder for the new catalog (created when missing)."),
    ] = Path("."),
    issuer: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            metavar="NAME", help="The issuing organization's name. Asked for in a terminal."
        ),
    ] = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(metavar="TITLE", help="The catalog's title. Asked for in a terminal."),
    ] = None,
    ident: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--id", metavar="ID", help="The catalog's id. Default: made from the title."),
    ] = None,
    base_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--base-url", metavar="URL", help="Where the site will be published, like https://..."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files that already exist.")
    ] = False,
) -> None:
    """Start a new catalog in DIR (default: the current folder).

    Writes mcauthor.yaml, an example credential and stack that lint clean, the JSON
    Schemas for editors (.schemas/), a .gitignore, a pre-commit config, a GitHub Actions
    workflow and a README for the catalog's authors. Existing files are left alone
    unless --force is given.
    """
    from mcauthor import scaffold

    if issuer is None or title is None:
        if not _stdin_is_tty():
            fail("give --issuer and --title (init asks for them only in a terminal)")
        issuer = issuer if issuer is not None else typer.prompt("Issuer (organization name)")
        title = title if title is not None else typer.prompt("Catalog title")
        if base_url is None:
            site = typer.prompt("Site address (Enter to skip)", default="", show_default=False)
            base_url = site.strip() or None
    try:
        written = scaffold.init_catalog(
            path, issuer, title, ident=ident, base_url=base_url, force=force
        )
    except scaffold.ScaffoldError as exc:
        fail(str(exc))
    typer.echo(f"Created {len(written)} files in {path}:")
    for file in written:
        typer.echo(f"  {file.relative_to(path).as_posix()}")
    typer.echo("Next steps:")
    for step in scaffold.next_steps(path):
        typer.echo(f"  {step}")


new_app = typer.Typer(
    help="Add a credential or stack file, with every section and TODO placeholders.",
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=HelpGroup,
)
app.add_typer(new_app, name="new")

_CatalogOption = Annotated[
    Path,
    typer.Option(
        "--catalog", "-c", metavar="PATH", help="The catalog folder or any path inside it."
    ),
]
_ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the file when it already exists.")
]


@new_app.command("credential")
def new_credential(
    ident: Annotated[
        str,
        typer.Argument(metavar="ID", help="The credential's id; the file is credentials/ID.yaml."),
    ],
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(metavar="TITLE", help="The credential's title. Default: a TODO placeholder."),
    ] = None,
    stack: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--stack", "-s", metavar="STACK", help="Also add the credential to this stack's list."
        ),
    ] = None,
    path: _CatalogOption = Path("."),
    force: _ForceOption = False,
) -> None:
    """Write credentials/ID.yaml, ready to fill in.

    The file has every section of a micro-credential, with guidance comments and TODO
    placeholders; `mcauthor lint` points at what is left to write.
    """
    from mcauthor import scaffold

    try:
        done = scaffold.new_credential(path, ident, title=title, stack=stack, force=force)
    except scaffold.ScaffoldError as exc:
        fail(str(exc))
    _report_new(done, ident)


@new_app.command("stack")
def new_stack(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="The stack's id; the file is stacks/ID.yaml.")
    ],
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(metavar="TITLE", help="The stack's title. Default: a TODO placeholder."),
    ] = None,
    path: _CatalogOption = Path("."),
    force: _ForceOption = False,
) -> None:
    """Write stacks/ID.yaml, ready to fill in.

    Add credentials to it with `mcauthor new credential ID --stack STACK`.
    """
    from mcauthor import scaffold

    try:
        done = scaffold.new_stack(path, ident, title=title, force=force)
    except scaffold.ScaffoldError as exc:
        fail(str(exc))
    _report_new(done, ident)


def _report_new(done: Any, ident: str) -> None:
    root = done.root
    typer.echo(f"Created {done.path.relative_to(root).as_posix()} in {root}.")
    if done.stack is not None:
        stack = done.stack.relative_to(root).as_posix()
        typer.echo(f"Added {ident} to {stack}." if done.added else f"{stack} already lists it.")
    typer.echo(f"Next: fill in its {done.placeholders} TODO placeholders, then `mcauthor lint`.")


def _click_errors() -> tuple[type[Any], type[Any]]:
    """Click's UsageError and NoArgsIsHelpError (typer vendors click in newer releases)."""
    try:
        from typer._click.exceptions import NoArgsIsHelpError, UsageError
    except ImportError:  # older typer: the real click (installed or not beside a newer one)
        import click.exceptions as real  # type: ignore[import-not-found,unused-ignore]

        return real.UsageError, real.NoArgsIsHelpError
    return UsageError, NoArgsIsHelpError


# pydantic's wording in typer's usage errors, as a person would say it.
_PLAIN_WORDS = {
    "Input should be a valid integer, unable to parse string as an integer": "not a whole number",
}


def main() -> None:
    """Console entry point: no Python traceback ever reaches the user."""
    usage_error, no_args_error = _click_errors()
    try:
        status = app(standalone_mode=False)
    except no_args_error as exc:  # plain `mcauthor`: the help, as with --help
        exc.show()
        sys.exit(0)
    except usage_error as exc:  # bad options: one line, exit 2
        ctx = getattr(exc, "ctx", None)
        hint = f" (try `{ctx.command_path} --help`)" if ctx is not None else ""
        # Typer checks values with pydantic, whose messages start "Value error, ".
        message = exc.format_message().replace(": Value error, ", ": ")
        for pydantic, plain in _PLAIN_WORDS.items():
            message = message.replace(pydantic, plain)
        typer.echo(f"mcauthor: error: {message}{hint}", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("mcauthor: aborted", err=True)
        sys.exit(130)
    except typer.TyperException as exc:  # other click errors know how to show themselves
        exc.show()  # type: ignore[attr-defined]
        sys.exit(getattr(exc, "exit_code", 2))
    except KeyboardInterrupt:
        typer.echo("mcauthor: interrupted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except OSError as exc:  # the machine, not mcauthor: a file that cannot be read or written
        from mcauthor.files import reason

        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"mcauthor: error: {where}{reason(exc)}", err=True)
        sys.exit(2)
    except Exception as exc:  # the promise: a one-line reason, never a traceback
        typer.echo(f"mcauthor: internal error: {type(exc).__name__}: {exc}", err=True)
        typer.echo("Please report this at the mcauthor issue tracker.", err=True)
        sys.exit(2)
    sys.exit(status if isinstance(status, int) else 0)
