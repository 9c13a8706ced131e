"""The command line. Thin on purpose: parse options, call one function, report, exit.

Each command declares its options and calls one function, mostly in
:mod:`mcauthor.commands`. Heavy modules are imported inside those functions so that
``mcauthor --help`` stays fast. Exit status: 0 nothing reached the fail level, 1
something did, 2 the command cannot run.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from mcauthor import __version__, commands
from mcauthor.cliadd import import_app, new_app
from mcauthor.clihelp import run
from mcauthor.clishared import CatalogOption, fail, run_command
from mcauthor.clivalues import ValuesGroup
from mcauthor.diagnostics import Severity
from mcauthor.diff.formats import FORMATS as DIFF_FORMATS
from mcauthor.export import FORMATS as EXPORT_FORMATS
from mcauthor.report import AUTO, describe_formats
from mcauthor.report import FORMATS as REPORT_FORMATS
from mcauthor.schemakinds import SCHEMA_KINDS

app = typer.Typer(
    name="mcauthor",
    help="Lint, build and publish educator micro-credential catalogs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=ValuesGroup,
)

# The --format choices of lint: the report registry's formats, after `auto`.
ReportFormat = Enum(  # type: ignore[misc]
    "ReportFormat", [(name, name) for name in (AUTO, *REPORT_FORMATS)], type=str
)
_DEFAULT_REPORT = ReportFormat(AUTO)


# The --fail-on choices: the severities.
Level = Enum("Level", [(s.value, s.value) for s in Severity], type=str)  # type: ignore[misc]


PORT_MAX = 65535  # the highest TCP port: serve --port
_run = run_command


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


_OptionalPath = Optional[Path]  # noqa: UP045 - typer needs Optional on Python 3.10
_OptionalText = Optional[str]  # noqa: UP045
_Texts = Optional[list[str]]  # noqa: UP045
_PathArgument = Annotated[
    Path, typer.Argument(metavar="PATH", help="The catalog folder or any path inside it.")
]
_CatalogOption = CatalogOption


_FixOption = Annotated[
    bool,
    typer.Option(
        "--fix",
        help="Apply the safe fixes of the findings it would report (quote a YAML 1.1 "
        "value, add missing descriptors, remove an unused suppression or a byte-order "
        "mark; `mcauthor rules CODE` says each rule's fix), editing only those places; "
        "then report what is left. With --changed-since, only changed files are fixed.",
    ),
]


@app.command()
def lint(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            metavar="PATH",
            help="The catalog folder or any path inside it (the whole catalog is checked). "
            "Default: the current folder.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help=describe_formats())
    ] = _DEFAULT_REPORT,
    output: Annotated[
        _OptionalPath,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file instead of stdout.",
        ),
    ] = None,
    select: Annotated[
        _Texts,
        typer.Option(
            metavar="CODES",
            help="Only these rules: codes, code prefixes (MC2) or names; repeatable.",
        ),
    ] = None,
    ignore: Annotated[
        _Texts,
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
        _OptionalText,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Report only findings in files changed since this git ref (its merge base "
            "with HEAD, plus uncommitted and untracked files), and catalog-integrity errors "
            "anywhere. The whole catalog is still checked.",
        ),
    ] = None,
    rules_url: Annotated[
        _OptionalText,
        typer.Option(
            "--rules-url",
            metavar="URL",
            envvar="MCAUTHOR_RULES_URL",
            help="Where the rules' documentation (docs/rules.md) is published: SARIF links "
            "each rule to its section there. Default: mcauthor's own, on its main branch.",
        ),
    ] = None,
    fix: _FixOption = False,
) -> None:
    """Check a catalog against Digital Promise's four criteria and the catalog format."""
    _run(
        commands.lint,
        paths or [],
        str(fmt.value),
        output=output,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on.value if fail_on else None,
        cache=not no_cache,
        changed_since=changed_since,
        rules_url=rules_url,
        fix=fix,
    )


_LimitOption = Annotated[
    _Texts,
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


def _strict_option(verb: str) -> Any:
    """build's and export's --strict, which says what it refuses to do."""
    return typer.Option(
        "--strict",
        help=f"The publishing mode: refuse to {verb} on lint warnings too (placeholders "
        "left to fill in, say), not only on errors.",
    )


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
    path: _PathArgument = Path("."),
    out: Annotated[
        _OptionalPath,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Output folder. Default: build.out in mcauthor.yaml, else site/.",
        ),
    ] = None,
    strict: Annotated[bool, _strict_option("build")] = False,
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
    _run(
        commands.build,
        path,
        out,
        strict=strict,
        full=full,
        guides=not no_guides,
        limits=_split(limit),
        csv_bom=not no_bom,
    )


@app.command()
def export(
    path: _PathArgument = Path("."),
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help=_export_help()),
    ] = _DEFAULT_EXPORT,
    out: Annotated[
        _OptionalPath,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder to write into, with the layout of the site's data/ folder. "
            "Default for catalog-json and csv: standard output.",
        ),
    ] = None,
    strict: Annotated[bool, _strict_option("export")] = False,
    no_bom: _NoBomOption = False,
) -> None:
    """Export catalog data (catalog JSON, Open Badges 3.0, CTDL, CSV) without a site build."""
    _run(commands.export, path, str(fmt.value), out, strict=strict, csv_bom=not no_bom)


@app.command()
def guide(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="A credential id, a stack id, or `catalog`.")
    ],
    path: _CatalogOption = Path("."),
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out", "-o", metavar="FILE", help="Where to write the PDF. Default: ID.pdf here."
        ),
    ] = None,
    limit: _LimitOption = None,
) -> None:
    """Render one printable PDF guide (a credential's, a stack's or the whole catalog's)."""
    _run(commands.guide, ident, path, out, _split(limit))


@app.command()
def serve(
    path: _PathArgument = Path("."),
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


@app.command()
def lsp(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio", help="Talk over standard input and output (the default and only way)."
        ),
    ] = False,
) -> None:
    """Run the language server for editors: findings as you type, hover, completion.

    Your editor starts it and talks to it over standard input and output (the Language
    Server Protocol); it lints the catalog of each file you open, from the unsaved text.
    The README's "Editor support" shows the set-up for VS Code, Neovim, Helix and Zed.
    """
    import mcauthor.lsp

    raise typer.Exit(mcauthor.lsp.run(stdio=stdio))


class StacksFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def stacks(
    path: _PathArgument = Path("."),
    fmt: Annotated[StacksFormat, typer.Option("--format", "-f", help="Output format.")] = (
        StacksFormat.text
    ),
    stack: Annotated[
        _OptionalText,
        typer.Option("--stack", "-s", metavar="ID", help="Show only this stack (its id)."),
    ] = None,
    svg: Annotated[
        _OptionalPath,
        typer.Option(
            "--svg", metavar="FILE", help="Also write the pathway picture (SVG) to this file."
        ),
    ] = None,
) -> None:
    """Show the stacks in pathway order with their credentials, hours and prerequisites."""
    _run(commands.stacks, path, fmt.value, stack, svg)


# The --format choices of diff: its registry of formats.
DiffFormat = Enum("DiffFormat", [(name, name) for name in DIFF_FORMATS], type=str)  # type: ignore[misc]
_DIFF_TEXT = DiffFormat("text")


@app.command()
def diff(
    base: Annotated[
        _OptionalText,
        typer.Argument(
            metavar="BASE",
            help="A git revision. Default: the merge base of HEAD with the default branch.",
        ),
    ] = None,
    head: Annotated[
        _OptionalText,
        typer.Argument(metavar="HEAD", help="A git revision. Default: the working tree."),
    ] = None,
    path: _CatalogOption = Path("."),
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="text, markdown (a PR comment or job summary) or json."
        ),
    ] = _DIFF_TEXT,
    bump: Annotated[
        bool,
        typer.Option(
            "--bump",
            help="Write the suggested version into each changed credential whose version "
            "does not follow its changes (the working tree only).",
        ),
    ] = False,
) -> None:
    """Show what changed between two versions of the catalog, credential by credential.

    Each change is classed: requirement (what an earner must do, how it is scored),
    content (wording) or metadata. Exit status 1 when a published credential's version
    does not follow its changes (its requirements changed and it did not go up, or it
    went down).
    """
    _run(commands.diff, path, base, head, fmt.value, bump=bump)


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def rules(
    code: Annotated[
        _OptionalText,
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
    _run(commands.rules, code, fmt.value, full=full)


@app.command()
def schema(
    kind: Annotated[
        str,  # not a choice: checked here, so that a typo gets "did you mean"
        typer.Argument(
            metavar="KIND",
            autocompletion=lambda incomplete: [k for k in SCHEMA_KINDS if k.startswith(incomplete)],
            help="Which file's schema to print: " + ", ".join(SCHEMA_KINDS) + ".",
        ),
    ],
) -> None:
    """Print the JSON Schema (Draft 2020-12) of a catalog file kind or of an export."""
    _run(commands.schema, kind)


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
    if issuer is None or title is None:
        if not _stdin_is_tty():
            fail("give --issuer and --title (init asks for them only in a terminal)")
        issuer = issuer if issuer is not None else typer.prompt("Issuer (organization name)")
        title = title if title is not None else typer.prompt("Catalog title")
        if base_url is None:
            site = typer.prompt("Site address (Enter to skip)", default="", show_default=False)
            base_url = site.strip() or None
    _run(commands.init, path, issuer, title, ident=ident, base_url=base_url, force=force)


app.add_typer(new_app, name="new")
app.add_typer(import_app, name="import")


def main() -> None:
    """Console entry point: no Python traceback ever reaches the user."""
    sys.exit(run(app))
