"""The lint engine: load, check schemas, build the model, run rules, then apply
configuration, command-line selection and inline suppressions, and sort.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

from mcauthor import placeholders, schema, suppressions
from mcauthor.assemble import build_config, build_credential, build_research, build_stack
from mcauthor.cache import DocumentCache
from mcauthor.catalogfiles import CONFIG_NAME, DISK, Files, find_root, template_links
from mcauthor.diagnostics import Diagnostic, Reported, Severity
from mcauthor.findings import Finding
from mcauthor.gctune import big_pass
from mcauthor.lintoptions import LintOptions as LintOptions  # re-exported
from mcauthor.loader import CannotRun, Document, Loaded, ReadMemo, load, read_config
from mcauthor.model import Catalog, Config, Credential, ResearchEntry, Stack, value_at
from mcauthor.placeholders import is_placeholder
from mcauthor.rules import Retired, Rule, all_rules, by_code, retired
from mcauthor.rules.base import CredentialRule, FileRule
from mcauthor.suggest import did_you_mean

SEVERITY_WORDS = ("error", "warning", "info")
T = TypeVar("T")


@dataclass(frozen=True)
class LintResult(Reported):
    catalog: Catalog = field(kw_only=True)
    documents: Mapping[str, Document] = field(default_factory=dict)


def check_selectors(selectors: Iterable[str], *, ignoring: bool = False) -> None:
    """Raise CannotRun for a --select/--ignore entry that names no rule.

    A retired rule is never reported, so ignoring one is harmless (old scripts keep
    working); selecting one would check nothing, so it is refused with what replaced it.
    """
    rules = all_rules()
    for item in selectors:
        gone = retired(item)
        if gone is not None:
            if ignoring:
                continue
            raise CannotRun(f"`{item}` selects nothing: {gone[1].explain(gone[0])}")
        if not any(_matches(item, r) for r in rules):
            names = [r.code for r in rules] + [r.name for r in rules]
            tip = did_you_mean(item, names)
            raise CannotRun(f"`{item}` matches no rule code or name{tip}")


def _matches(selector: str, rule: type[Rule]) -> bool:
    return rule.code.startswith(selector.upper()) or selector == rule.name


@dataclass
class Reuse:
    """What a lint may take over from the lint before it. The lint engine
    (:mod:`mcauthor.engine`) keeps one for a session of edits. Everything in it is keyed
    by what it was computed from (a file's bytes, the very document or credential read
    from them, the config's text), so taking it over changes no result."""

    files: Files = DISK
    read: ReadMemo = field(default_factory=dict)
    # id(document) -> (document, its model): the document is kept, so its id stays its own
    models: dict[int, tuple[Document, Any]] = field(default_factory=dict)
    # rule code -> its last run over the parts it is local to (CredentialRule.local: each
    # credential; FileRule: each file)
    local: dict[str, Ran] = field(default_factory=dict)
    config_text: str | None = None
    kept_after_pruning: int = 0  # how many read and model entries the last pruning kept


@dataclass
class Ran:
    """A local rule's last run: each part (a credential, a document) and its findings."""

    parts: list[object | None]
    found: list[list[Finding]]


def gather(
    start: Path, *, cache: bool = True, reuse: Reuse | None = None, files: Files = DISK
) -> tuple[Catalog, Loaded, list[Finding]]:
    """Load and model the catalog at or above ``start``, reading through ``files`` (or the
    reuse's); findings from loading and schema."""
    root = find_root(start)
    files = reuse.files if reuse is not None else files
    config_doc = read_config(root, files)
    if reuse is not None and reuse.config_text != config_doc.text:
        reuse.local.clear()  # rules read the config: their findings may all change
        reuse.config_text = config_doc.text
    findings = schema.check(config_doc)
    config = build_config(config_doc.data)
    findings.extend(_check_rule_settings(config))
    store = DocumentCache.open(root, schema.fingerprint()) if cache else None
    loaded = load(
        root,
        config_doc,
        config.lint.exclude,
        check=schema.check,
        fast_from=schema.FAST_MIN_DOCS,
        cache=store,
        files=files,
        memo=reuse.read if reuse is not None else None,
    )
    findings[:0] = loaded.findings
    findings.extend(template_links(root, config.build.out))
    models = reuse.models if reuse is not None else None
    return _build_catalog(root, config, loaded, models), loaded, findings


def lint(start: Path, options: LintOptions | None = None, files: Files = DISK) -> LintResult:
    """Lint the catalog at or above ``start``, reading its files through ``files``."""
    with big_pass():
        return _lint(start, options or LintOptions(), files=files)


def lint_again(start: Path, options: LintOptions, reuse: Reuse) -> LintResult:
    """A lint that takes over what ``reuse`` kept from the lint before (and keeps what it
    computes for the next): the same result as :func:`lint`, sooner after a small edit."""
    result = _lint(start, options, reuse)
    _forget_stale(reuse, result.catalog)
    return result


def _lint(
    start: Path, options: LintOptions, reuse: Reuse | None = None, files: Files = DISK
) -> LintResult:
    check_selectors(options.select)
    check_selectors(options.ignore, ignoring=True)
    catalog, loaded, findings = gather(start, cache=options.cache, reuse=reuse, files=files)
    rules = all_rules()
    for rule in rules:
        if rule.phase == "check":
            found = _run(rule, catalog) if reuse is None else _run_again(rule, catalog, reuse)
            findings.extend(f for f in found if not _on_placeholder(f, catalog))
    config = catalog.config
    fail_on = options.fail_on or config.lint.fail_on
    if fail_on not in SEVERITY_WORDS:
        raise CannotRun(f"--fail-on must be error, warning or info, not `{fail_on}`")
    docs = {doc.relpath: doc for doc in loaded.documents}
    diagnostics = _resolve(findings, docs, config, options)
    shown = only_changed(diagnostics, options.changed)
    return LintResult(
        root=catalog.root,
        files=loaded.files,
        diagnostics=tuple(sorted(shown, key=Diagnostic.sort_key)),
        fail_on=Severity(fail_on),
        catalog=catalog,
        documents=docs,
        hidden=len(diagnostics) - len(shown),
    )


# Errors shown wherever they are besides the catalog-integrity rules (see only_changed):
# an internal error, and research keys, whose findings sit in a credential but depend on
# the research library.
_ALSO_INTEGRITY = frozenset({"MC000", "MC204", "MC209"})


def only_changed(diagnostics: list[Diagnostic], changed: frozenset[str] | None) -> list[Diagnostic]:
    """The findings that ``--changed-since`` shows, out of all of them.

    The whole catalog has been checked; a pull request should be judged on what it
    touched, without losing what it broke elsewhere. So this keeps

    * every finding in a changed file;
    * every error that a change anywhere can cause in an unchanged file: catalog
      integrity (the rules of no criterion that check the model, MC5xx and MC6xx),
      research keys (MC204, MC209) and internal errors (MC000). A deleted credential that
      a stack still lists, or a duplicate id, is reported where it is: these errors stop
      a build, whichever file they sit in;
    * everything, when mcauthor.yaml changed: the config governs every file.
    """
    if changed is None or CONFIG_NAME in changed:
        return diagnostics
    return [d for d in diagnostics if d.path in changed or _integrity_error(d)]


def _integrity_error(d: Diagnostic) -> bool:
    if d.severity is not Severity.ERROR:
        return False
    if d.code in _ALSO_INTEGRITY:
        return True
    rule = by_code().get(d.code)
    return rule is not None and rule.phase == "check" and rule.criterion is None


def _run(rule: type[Rule], catalog: Catalog) -> list[Finding]:
    """Run one rule; a bug in a rule becomes a finding, never a traceback."""
    try:
        return list(rule().check(catalog))
    except Exception as exc:  # a rule must never take the whole lint down
        return [
            Finding(
                "MC000",
                catalog.config.file,
                (),
                f"internal error in rule {rule.code} ({rule.name}): {type(exc).__name__}: {exc}",
                hint="Please report this to the mcauthor maintainers; other rules still ran.",
                line=1,
                column=1,
            )
        ]


def _run_again(rule: type[Rule], catalog: Catalog, reuse: Reuse) -> list[Finding]:
    """Run one rule, taking over the findings of a rule local to a credential or a file
    for each credential or file read from the same bytes as last time."""
    try:
        if issubclass(rule, CredentialRule) and rule.local:
            checker = rule()
            credentials = [(c, c) for c in catalog.credentials]
            return _taken_over(
                rule.code, reuse, credentials, lambda c: checker.check_credential(c, catalog)
            )
        if issubclass(rule, FileRule):
            per_file = rule()
            files = [(catalog.documents.get(f), f) for f in catalog.files()]
            return _taken_over(rule.code, reuse, files, lambda f: per_file.check_file(f, catalog))
    except Exception:  # the whole rule's run reports it, as lint does
        pass
    return _run(rule, catalog)


def _taken_over(
    code: str,
    reuse: Reuse,
    parts: Sequence[tuple[object | None, T]],
    check: Callable[[T], Iterable[Finding]],
) -> list[Finding]:
    """The findings of each part (keyed by a credential or a document), computed again
    only for a part that is not the very object they were computed for last time."""
    keys = [key for key, _ in parts]
    before = reuse.local.get(code)
    if before is not None and len(before.parts) == len(keys):
        # The common case, an edit of a file: the same parts in the same places.
        found = list(before.found)
        same = list(map(operator.is_, keys, before.parts))
        again = [i for i, kept in enumerate(same) if not kept or keys[i] is None]
    else:
        known = {} if before is None else {id(k): i for i, k in enumerate(before.parts)}
        found, again = [], []
        for i, key in enumerate(keys):
            at = known.get(id(key)) if key is not None else None
            if before is not None and at is not None and before.parts[at] is key:
                found.append(before.found[at])
            else:
                found.append([])
                again.append(i)
    for i in again:
        found[i] = list(check(parts[i][1]))
    reuse.local[code] = Ran(keys, found)
    return list(chain.from_iterable(found))


def _forget_stale(reuse: Reuse, catalog: Catalog) -> None:
    """Drop the documents and models this lint no longer has, once a fifth of what is
    kept may be stale (not after every edit: it costs as much as the lint of one edit)."""
    if len(reuse.models) <= reuse.kept_after_pruning * 5 // 4 + 100:
        return
    docs = {id(doc) for doc in catalog.documents.values()}
    reuse.models = {key: kept for key, kept in reuse.models.items() if key in docs}
    reuse.read = {rel: kept for rel, kept in reuse.read.items() if rel in catalog.documents}
    reuse.kept_after_pruning = len(reuse.models)


def _on_placeholder(finding: Finding, catalog: Catalog) -> bool:
    """Whether a rule's finding is about a value that is still a placeholder (`research:
    [TODO]`, `image: TODO`): that is MC514's alone, one finding saying what to write
    there, not an unresolved key or a missing file on top of it. Only findings that
    point at the value itself; one about its key (an unknown level) still stands."""
    if not finding.value or finding.code == placeholders.CODE or not finding.at:
        return False
    doc = catalog.documents.get(finding.file)
    return is_placeholder(value_at(getattr(doc, "data", None), finding.at))


def _build_catalog(
    root: Path, config: Config, loaded: Loaded, models: dict[int, tuple[Document, Any]] | None
) -> Catalog:
    credentials: list[Credential] = []
    stacks: list[Stack] = []
    library: list[ResearchEntry] = []
    for doc in loaded.documents:
        if doc.parsed.fatal or doc.data is None or doc.kind == "config":
            continue
        kept = models.get(id(doc)) if models is not None else None
        if kept is None or kept[0] is not doc:
            kept = (doc, _model(doc))
            if models is not None:
                models[id(doc)] = kept
        if doc.kind == "credential":
            credentials.append(kept[1])
        elif doc.kind == "stack":
            stacks.append(kept[1])
        elif doc.kind == "research":
            library.extend(kept[1])
    return Catalog(
        root=root,
        config=config,
        credentials=tuple(credentials),
        stacks=tuple(stacks),
        library=tuple(library),
        documents={doc.relpath: doc for doc in loaded.documents},
    )


def _model(doc: Document) -> Any:
    """The credential, stack or research entries a document holds."""
    if doc.kind == "credential":
        return build_credential(doc.data, doc.relpath, doc.stem)
    if doc.kind == "stack":
        return build_stack(doc.data, doc.relpath, doc.stem)
    return [
        build_research(item, doc.relpath, (i,))
        for i, item in enumerate(doc.data)
        if isinstance(item, dict)
    ]


def _check_rule_settings(config: Config) -> list[Finding]:
    """lint.rules entries must name real rules (codes are stable, so typos are likely)."""
    known = set(by_code()) | {rule.name for rule in all_rules()}
    out = []
    for code in config.lint.rules:
        if code.startswith("x-") or code in known:
            continue
        gone = retired(code)
        if gone is not None:
            out.append(_retired_setting(config, code, *gone))
            continue
        out.append(
            Finding(
                "MC054",
                config.file,
                ("lint", "rules", code),
                f"`{code}` is not an mcauthor rule" + did_you_mean(code, sorted(known)),
                hint="`mcauthor rules` lists every rule code.",
            )
        )
    return out


def _retired_setting(config: Config, written: str, code: str, gone: Retired) -> Finding:
    """MC054 for a `lint.rules` entry of a retired rule: say what replaced it."""
    return Finding(
        "MC054",
        config.file,
        ("lint", "rules", written),
        f"`{written}` changes nothing: {gone.explain(code)}",
        hint=f"Remove the entry. {gone.note}",
    )


def _severity_for(rule: type[Rule], config: Config, options: LintOptions) -> Severity | None:
    """The rule's severity after config and command line; None when it is off."""
    if options.select and not any(_matches(s, rule) for s in options.select):
        return None
    if any(_matches(s, rule) for s in options.ignore):
        return None
    setting = config.lint.rules.get(rule.code) or config.lint.rules.get(rule.name)
    if setting is None:
        return rule.severity
    if setting == "off":
        return None
    return Severity(setting) if setting in SEVERITY_WORDS else rule.severity


def _resolve(
    findings: list[Finding],
    docs: Mapping[str, Document],
    config: Config,
    options: LintOptions,
) -> list[Diagnostic]:
    rules = by_code()
    severities = {code: _severity_for(rule, config, options) for code, rule in rules.items()}
    marks = {
        rel: suppressions.parse(doc.text)
        for rel, doc in docs.items()
        if doc.mentions(suppressions.PREFIX)
    }
    out: list[Diagnostic] = []
    seen: set[tuple[str, str, int, int, str]] = set()
    for finding in findings:
        rule = rules[finding.code]
        severity = severities[finding.code]
        if severity is None:
            continue
        line, column = _position(finding, docs)
        if _suppressed(marks.get(finding.file, ()), rule, line):
            continue
        key = (finding.code, finding.file, line, column, finding.message)
        if key in seen:  # one problem reached twice (e.g. through two stacks) counts once
            continue
        seen.add(key)
        out.append(_diagnostic(rule, severity, finding, line, column))
    unused = rules.get("MC900")
    if unused is not None and severities.get("MC900") is not None:
        off = {code for code, severity in severities.items() if severity is None}
        off |= {rules[code].name for code in off}
        out.extend(_unused(marks, unused, severities["MC900"] or unused.severity, off))
    if options.files is not None:
        out = [d for d in out if d.path in options.files]
    return out


def _position(finding: Finding, docs: Mapping[str, Document]) -> tuple[int, int]:
    if finding.line is not None:
        return finding.line, finding.column or 1
    doc = docs.get(finding.file)
    if doc is None:
        return 1, 1
    return doc.locate(finding.at, value=finding.value)


def _suppressed(marks: Iterable[suppressions.Suppression], rule: type[Rule], line: int) -> bool:
    hit = False
    for mark in marks:
        listed = suppressions.covers(mark, rule.code, rule.name, line)
        if listed is not None:
            mark.used.add(listed)
            hit = True
    return hit


def _unused(
    marks: Mapping[str, list[suppressions.Suppression]],
    rule: type[Rule],
    severity: Severity,
    off: set[str],
) -> list[Diagnostic]:
    """Suppressions that hid nothing (those for rules switched off are moot, not stale)."""
    out = []
    for rel, found in marks.items():
        for mark in found:
            for code in mark.codes:
                if code in mark.used or code.upper() in off or code in off:
                    continue
                finding = _unused_finding(rule, rel, code)
                out.append(_diagnostic(rule, severity, finding, mark.line, mark.column))
    return out


def _unused_finding(rule: type[Rule], rel: str, code: str) -> Finding:
    gone = retired(code)
    if gone is not None:  # explain instead of hinting at a typo
        return Finding(
            rule.code,
            rel,
            (),
            f"`# mcauthor: disable={code}` suppresses nothing: {gone[1].explain(gone[0])}",
            hint=f"Remove `{code}` from the comment. {gone[1].note}",
        )
    return Finding(
        rule.code,
        rel,
        (),
        f"`# mcauthor: disable={code}` suppresses nothing here",
        hint="Remove the comment, or check the rule code and the line it is on.",
    )


def _diagnostic(
    rule: type[Rule], severity: Severity, finding: Finding, line: int, column: int
) -> Diagnostic:
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=severity,
        criterion=rule.criterion,
        message=finding.message,
        path=finding.file,
        line=line,
        column=column,
        hint=finding.hint,
    )
