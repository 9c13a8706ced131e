"""What the commands do once their options are parsed: one function per command.

:mod:`mcauthor.cli` declares each command's options and calls one function here, as
mkdocs and ruff keep their command lines thin. Nothing here knows typer: a function
prints to standard output and error, returns the exit status (0 nothing reached the
fail level, 1 something did) and raises CannotRun when the command cannot run (exit
status 2, the reason on one line). Heavy modules are imported inside the functions, so
that importing this one costs ``mcauthor --help`` nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcauthor.errors import CannotRun
from mcauthor.words import plural

if TYPE_CHECKING:
    from mcauthor.autofix import Fixed
    from mcauthor.diagnostics import Reported
    from mcauthor.lint import LintResult
    from mcauthor.prepare import BuildRefused, Prepared


def lint(
    paths: Sequence[Path],
    fmt: str,
    *,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    cache: bool,
    changed_since: str | None,
    rules_url: str | None,
    fix: bool = False,
) -> int:
    """Lint one catalog and write the report in ``fmt`` to ``output`` or stdout; with
    ``fix``, apply the safe fixes first and report what they fixed and what is left."""
    from mcauthor.catalogfiles import find_root
    from mcauthor.lintoptions import LintOptions
    from mcauthor.resultcache import lint_report

    if rules_url is not None and not rules_url.startswith(("https://", "http://")):
        raise CannotRun(f"--rules-url must be an http(s) address, not `{rules_url}`")
    roots = {find_root(p) for p in paths or [Path(".")]}
    if len(roots) > 1:
        raise CannotRun("the paths belong to different catalogs; lint one catalog at a time")
    root = roots.pop()
    changed = None
    if changed_since is not None:
        from mcauthor.changed import changed_files

        changed = changed_files(root, changed_since)
    options = LintOptions(
        select=select, ignore=ignore, fail_on=fail_on, cache=cache, changed=changed
    )
    if not fix:
        result = lint_report(root, options)
        _show_lint(result, fmt, output, changed_since, rules_url)
        return 1 if result.failed else 0
    from mcauthor.autofix import fix as run_fix

    done = run_fix(root, options)
    _show_lint(done.result, fmt, output, changed_since, rules_url, fixed=_fixed_line(done))
    return 1 if done.result.failed else 0


def _fixed_line(done: Fixed) -> str:
    """What `lint --fix` did, before the report: "Fixed 3 findings in 2 files." and a
    line for each file it left as it was."""
    lines = [f"Fixed {plural(done.fixed, 'finding')} in {plural(len(done.files), 'file')}.\n"]
    lines += [f"Not fixed: {file}: {why}\n" for file, why in sorted(done.refused.items())]
    return "".join(lines)


def _show_lint(
    result: Reported,
    fmt: str,
    output: Path | None,
    changed_since: str | None,
    rules_url: str | None,
    *,
    fixed: str = "",
) -> None:
    """The report, on stdout or in ``output`` (then its summary line on stderr); what
    `--fix` did (``fixed``) before the text report, or on stderr."""
    from mcauthor import checkout, report

    chosen = report.choose(fmt)
    terminal = output is None and sys.stdout.isatty()
    shown = report.Options(
        color=terminal and "NO_COLOR" not in os.environ,
        # Fit a terminal; a file, a pipe or a CI log gets whole lines (nothing wraps there).
        width=shutil.get_terminal_size().columns if terminal else None,
        rules_url=rules_url,
        checkout=checkout.find(result.root) if chosen.in_git else None,
    )
    text = chosen.render(result, shown)
    # The text report's summary counts what is shown; say what --changed-since left out.
    hidden = (
        f"Not shown: {plural(result.hidden, 'finding')} in files "
        f"unchanged since {changed_since} (--changed-since).\n"
        if result.hidden
        else ""
    )
    if chosen.name == "text":
        text += hidden
    if fixed and chosen.name == "text" and output is None:
        text = fixed + text
    elif fixed:
        _err(fixed)
    if output is None:
        sys.stdout.write(text)
        return
    from mcauthor.files import write_file

    write_file(output, text.encode("utf-8"), result.root)
    if chosen.name != "text":
        from mcauthor.report.text import summary_line

        _err(summary_line(result) + "\n" + hidden)


def build(
    path: Path,
    out: Path | None,
    *,
    strict: bool,
    full: bool,
    guides: bool,
    limits: Sequence[str],
    csv_bom: bool,
) -> int:
    """Build the site, with a progress bar on a terminal."""
    from mcauthor.build import BuildError, BuildRefused
    from mcauthor.build import build as run_build
    from mcauthor.limits import Limits

    settings: dict[str, Any] = {"strict": strict, "incremental": not full, "guides": guides}
    settings |= {"limits": Limits.parse(tuple(limits)), "csv_bom": csv_bom}
    try:
        if not sys.stderr.isatty():
            result = run_build(path, out, **settings)
        else:
            with _progress() as progress:
                pdfs = progress.add_task("PDF guides", total=None, visible=False)
                task = progress.add_task("Writing", total=None)
                result = run_build(
                    path,
                    out,
                    on_plan=lambda n: progress.update(task, total=n),
                    on_done=lambda job: progress.advance(task),
                    on_guides=(
                        lambda n: progress.update(pdfs, total=n, visible=n > 0),
                        lambda k: progress.advance(pdfs, k),
                    ),
                    **settings,
                )
    except BuildRefused as refused:
        return refusal(refused, "built")
    except BuildError as exc:
        return _failed("build failed, previous output left untouched", exc)
    _warn(result.notes)
    _warn_placeholders(result.lint, "build")
    _out(result.summary())
    return 0


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


def export(path: Path, name: str, out: Path | None, *, strict: bool, csv_bom: bool) -> int:
    """Export the format ``name`` (or ``all``) to ``out``, or to stdout when it is one file."""
    from mcauthor.export import FORMATS
    from mcauthor.export.standalone import export as run_export
    from mcauthor.export.standalone import write_files
    from mcauthor.output.target import outside_sources
    from mcauthor.prepare import BuildRefused

    formats = tuple(FORMATS) if name == "all" else (name,)
    if out is None and (name == "all" or FORMATS[name].single is None):
        raise CannotRun(f"--format {name} writes several files: give --out DIR")
    try:
        result = run_export(path, formats, strict=strict, csv_bom=csv_bom)
        if out is not None:
            outside_sources(result.lint.catalog.root.absolute(), out.absolute())
    except BuildRefused as refused:
        return refusal(refused, "exported")
    _warn(result.notes)
    _warn_placeholders(result.lint, "export")
    if out is None:
        sys.stdout.buffer.write(result.files[0][1])
        sys.stdout.flush()
        return 0
    try:
        written = write_files(out, result.files)  # export.WriteError: one line, names the file
    except OSError as exc:
        raise CannotRun(f"cannot write to {out}: {exc.strerror or exc}") from None
    _out(f"Exported {len(written)} file(s) to {out}.")
    return 0


def guide(ident: str, path: Path, out: Path | None, limits: Sequence[str]) -> int:
    """Render one PDF guide into ``out`` (default: ID.pdf here)."""
    from mcauthor.errors import BuildError
    from mcauthor.files import write_file
    from mcauthor.limits import Limits
    from mcauthor.pdf import one_guide
    from mcauthor.prepare import BuildRefused, prepare

    target = out or Path(f"{ident}.pdf")
    try:
        prepared = prepare(path, guides=True, limits=Limits.parse(tuple(limits)))
        pdf = one_guide(prepared, ident)
        if pdf is None:
            raise CannotRun(f"no credential or stack `{ident}`" + _known_guides(ident, prepared))
        write_file(target, pdf, prepared.root)
    except BuildRefused as refused:
        return refusal(refused, "rendered")
    except BuildError as exc:
        return _failed("guide failed", exc)
    except OSError as exc:
        raise CannotRun(f"cannot write {target}: {exc.strerror or exc}") from None
    _out(f"Wrote {target} ({len(pdf):,} bytes).")
    return 0


def _known_guides(ident: str, prepared: Prepared) -> str:
    """A close id, or where to find the ids."""
    from mcauthor.suggest import did_you_mean_or

    ids = [c.id for c in prepared.catalog.credentials] + [s.id for s in prepared.pathway.stacks]
    known = (
        "`mcauthor stacks` lists the credential and stack ids, and `catalog` is "
        "the whole catalog's guide"
    )
    return did_you_mean_or(ident, [*ids, "catalog"], known)


def stacks(path: Path, fmt: str, stack: str | None, svg: Path | None) -> int:
    """The stacks in pathway order (one with ``stack``), and the picture into ``svg``."""
    from mcauthor import stacks_report
    from mcauthor.files import write_file
    from mcauthor.lint import gather
    from mcauthor.stacks import resolve
    from mcauthor.suggest import did_you_mean_or, some_of

    catalog, _, _ = gather(path)
    pathway = resolve(catalog)
    if stack is not None:
        if pathway.stack(stack) is None:
            ids = [s.id for s in pathway.stacks]
            known = f"the catalog's stacks: {some_of(ids)}" if ids else "the catalog has no stacks"
            raise CannotRun(f"no stack `{stack}`" + did_you_mean_or(stack, ids, known))
        pathway = stacks_report.focus(pathway, stack)
    if svg is not None:
        from mcauthor.pathway import svg as pathway_svg

        picture = pathway_svg.render(pathway, title=f"{catalog.config.title}: pathway")
        write_file(svg, picture.encode("utf-8"), catalog.root)
    if fmt == "json":
        sys.stdout.write(stacks_report.render_json(catalog, pathway))
    else:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(stacks_report.render_text(catalog, pathway, color=color))
    return 0


def rules(code: str | None, fmt: str, *, full: bool) -> int:
    """Every rule (listed, or ``full``: documented), or one rule's documentation."""
    from mcauthor import ruledocs

    if full and code is None:
        sys.stdout.write(ruledocs.reference())
        return 0
    if code is None:
        sys.stdout.write(ruledocs.listing(fmt))
        return 0
    rule = ruledocs.find(code)
    if rule is None:
        from mcauthor.rules import retired

        gone = retired(code)
        if gone is None:
            raise CannotRun(
                f"no rule `{code}`{_rule_suggestion(code)} (`mcauthor rules` lists them all)"
            )
        # Old suppressions send people here: say what replaced it.
        sys.stdout.write(ruledocs.retired_document(*gone, fmt))
        return 0
    sys.stdout.write(ruledocs.document(rule, fmt))
    return 0


def init(
    path: Path, issuer: str, title: str, *, ident: str | None, base_url: str | None, force: bool
) -> int:
    """Start a catalog in ``path`` and say what to do next."""
    from mcauthor import scaffold

    try:
        written = scaffold.init_catalog(
            path, issuer, title, ident=ident, base_url=base_url, force=force
        )
    except scaffold.ScaffoldError as exc:
        raise CannotRun(str(exc)) from None
    _out(f"Created {len(written)} files in {path}:")
    for file in written:
        _out(f"  {file.relative_to(path).as_posix()}")
    _out("Next steps:")
    for step in scaffold.next_steps(path):
        _out(f"  {step}")
    return 0


def new(
    kind: str,
    start: Path,
    ident: str,
    *,
    title: str | None,
    stack: str | None = None,
    force: bool,
) -> int:
    """Write ``credentials/ID.yaml`` (``kind`` credential, perhaps added to ``stack``) or
    ``stacks/ID.yaml`` from the template."""
    from mcauthor import scaffold

    try:
        if kind == "credential":
            done = scaffold.new_credential(start, ident, title=title, stack=stack, force=force)
        else:
            done = scaffold.new_stack(start, ident, title=title, force=force)
    except scaffold.ScaffoldError as exc:
        raise CannotRun(str(exc)) from None
    root = done.root
    _out(f"Created {done.path.relative_to(root).as_posix()} in {root}.")
    if done.stack is not None:
        listed = done.stack.relative_to(root).as_posix()
        _out(f"Added {ident} to {listed}." if done.added else f"{listed} already lists it.")
    _out(f"Next: fill in its {done.placeholders} TODO placeholders, then `mcauthor lint`.")
    return 0


def import_(
    name: str, inputs: Sequence[Path], start: Path, *, stack: str | None, force: bool
) -> int:
    """Import ``inputs`` with the source ``name`` into the catalog at ``start``, lint what
    was written and say what it found and what is left to write."""
    from mcauthor.importing.write import run
    from mcauthor.lint import lint as run_lint
    from mcauthor.lintoptions import LintOptions
    from mcauthor.report.text import summary_line

    done = run(name, inputs, start, stack=stack, force=force)
    root = done.root
    _out(f"Wrote {plural(len(done.written), 'file')} in {root}:")
    for path in done.written:
        _out(f"  {path.relative_to(root).as_posix()}")
    for path in done.stacks:
        _out(f"Added the imported credentials to {path.relative_to(root).as_posix()}.")
    if done.found:
        _out("Found: " + ", ".join(f"{k} ({n})" for k, n in done.found.items()) + ".")
    if done.placeholders:
        left = ", ".join(f"{k} ({n})" for k, n in done.placeholders.items())
        _out(f"Left to write (TODO placeholders): {left}.")
    written = frozenset(p.relative_to(root).as_posix() for p in done.written)
    result = run_lint(root, LintOptions(files=written, cache=False))
    _out("Lint of the imported files: " + summary_line(result).strip())
    _out("Next: `mcauthor lint` lists each finding; fill in what is left, then build.")
    return 0


def diff(start: Path, base: str | None, head: str | None, fmt: str, *, bump: bool) -> int:
    """Compare the catalog at ``base`` with ``head`` (the working tree when None), print
    the changes in ``fmt``, and with ``bump`` write the suggested versions."""
    from mcauthor.catalogfiles import find_root
    from mcauthor.diff import revision
    from mcauthor.diff.compare import compare
    from mcauthor.diff.formats import FORMATS
    from mcauthor.diff.versions import bump as write_versions
    from mcauthor.diff.versions import findings

    root = find_root(start)
    repo = revision.repository(root)
    if bump and head is not None:
        raise CannotRun("--bump writes into the working tree: leave HEAD out")
    if base is None:
        base_name, base_sha = revision.default_base(repo, root)
    elif base.endswith("...") and len(base) > 3:  # git's `REF...`: since the merge base
        base_name, base_sha = revision.merge_base(repo, root, base[:-3])
    else:
        base_name, base_sha = base, revision.commit(repo, root, base)
    with revision.checked_out(repo, root, base_sha) as old_root:
        old = revision.read(old_root)
        if head is None:
            new, head_name = revision.read(root), "the working tree"
        else:
            sha = revision.commit(repo, root, head)
            with revision.checked_out(repo, root, sha) as new_root:
                new, head_name = revision.read(new_root), head
        result = compare(old, new, f"{base_name} ({base_sha[:12]})", head_name)
    versions = findings(result)
    sys.stdout.write(FORMATS[fmt](result, versions))
    if bump:
        files = {c.id: c.file for c in new.credentials}
        written = write_versions(root, files, versions)
        _err(f"Wrote the suggested version into {plural(len(written), 'file')}.\n")
        return 0
    return 1 if any(v.severity == "error" for v in versions) else 0


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


def schema(kind: str) -> int:
    """Print the schema of ``kind`` (one of :data:`~mcauthor.schemakinds.SCHEMA_KINDS`)."""
    from mcauthor.schema import schema_text
    from mcauthor.schemakinds import SCHEMA_KINDS
    from mcauthor.suggest import did_you_mean_or

    if kind not in SCHEMA_KINDS:
        known = "KIND is one of " + ", ".join(SCHEMA_KINDS)
        raise CannotRun(f"no schema kind `{kind}`" + did_you_mean_or(kind, SCHEMA_KINDS, known))
    sys.stdout.write(schema_text(kind))
    return 0


def refusal(refused: BuildRefused, verb: str) -> int:
    """Print the lint report that stopped a build, an export or a guide: exit status 1."""
    from mcauthor.report import text

    color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    # The report's verdict is the refusing level: "Failed ... (fails on ...)".
    sys.stderr.write(text.render(refused.result, color=color))
    _err(f"mcauthor: not {verb}: {refused.reason()}; fix them, then try again\n")
    return 1


def _failed(what: str, exc: Exception) -> int:
    """``mcauthor: build failed, ...: reason`` for a build that could not finish: exit 1."""
    from mcauthor.report import one_line

    _err(f"mcauthor: {what}: {one_line(str(exc))}\n")
    return 1


def _warn_placeholders(result: LintResult, command: str) -> None:
    """One line when a build or export published text still to be written (MC514)."""
    from mcauthor import placeholders

    number = placeholders.count(d.code for d in result.diagnostics)
    if number:
        _warn([placeholders.left(number, command)])


def _warn(notes: Sequence[str]) -> None:
    for note in notes:
        _err(f"mcauthor: warning: {note}\n")


def _out(line: str) -> None:
    print(line, flush=True)


def _err(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()
