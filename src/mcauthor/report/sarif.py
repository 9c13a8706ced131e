"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Where files are: every location is a percent-encoded URI relative to ``%SRCROOT%``, and
``%SRCROOT%`` is the root of the git work tree that holds the catalog (the repository
checkout, which is what code scanning maps results onto), or the catalog root when the
catalog is not in git. So the report is the same from whatever folder lint runs in.
Inside git, ``versionControlProvenance`` names the repository and the commit. git runs
through :mod:`mcauthor.git`, so a repository committed into the catalog folder is never
taken for the catalog's own.

Each rule's ``helpUri`` is its section of docs/rules.md (the anchor GitHub gives the
rule's heading), under a base address the person running lint may change
(``--rules-url``), for a fork or a mirror of the documentation.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from mcauthor import __version__, git
from mcauthor.diagnostics import Diagnostic
from mcauthor.lint import LintResult
from mcauthor.rules import all_rules
from mcauthor.rules.base import Rule
from mcauthor.rules.examples import describe

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
HOME = "https://github.com/mcauthor/mcauthor"
# The rules' documentation on the main branch: the repository has no release tags yet, and
# a link to a tag that does not exist is a 404. `--rules-url` (MCAUTHOR_RULES_URL) pins a
# tag's copy, whose anchors stay as that version wrote them.
RULES_URL = f"{HOME}/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"


def anchor(heading: str) -> str:
    """The anchor GitHub gives a markdown heading: lowercase, punctuation other than
    hyphens and underscores removed, spaces made hyphens (``MC501 id-mismatch`` →
    ``mc501-id-mismatch``)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def help_uri(rule: type[Rule], rules_url: str = RULES_URL) -> str:
    """The rule's section in docs/rules.md, whose headings are ``## CODE name``."""
    return f"{rules_url.split('#')[0]}#{anchor(f'{rule.code} {rule.name}')}"


def _rule(rule: type[Rule], rules_url: str) -> dict[str, Any]:
    text = rule.why()
    markdown = f"{text}\n"
    if rule.bad is not None:
        markdown += f"\n**Failing example**\n\n```yaml\n{describe(rule.bad)}\n```\n"
    if rule.good is not None:
        markdown += f"\n**Passing example**\n\n```yaml\n{describe(rule.good)}\n```\n"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": markdown},
        "helpUri": help_uri(rule, rules_url),
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {
            "criterion": rule.criterion.value if rule.criterion else None,
            "tags": ["micro-credential"] + ([rule.criterion.value] if rule.criterion else []),
        },
    }


# -- where the files are ------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """``%SRCROOT%`` and, inside git, the repository and commit it is a checkout of."""

    root: Path
    catalog: str  # the catalog root relative to ``root``, POSIX; "." when the same
    provenance: dict[str, Any] | None = None


def source(catalog_root: Path) -> Source:
    real = catalog_root.resolve()
    try:
        repo = git.find(real)
    except git.GitFailed:
        repo = None  # no git, or a repository git refuses: taken as not in git
    if repo is None:
        return Source(real, ".")
    details: dict[str, Any] = {"repositoryUri": _repository(repo, real)}
    revision = _git(repo, real, "rev-parse", "--verify", "--quiet", "HEAD")
    if revision:
        details["revisionId"] = revision.strip()
    branch = _git(repo, real, "symbolic-ref", "--quiet", "--short", "HEAD")
    if branch and branch.strip():
        details["branch"] = branch.strip()
    details["mappedTo"] = {"uriBaseId": SRCROOT}
    return Source(repo.tree, real.relative_to(repo.tree).as_posix(), details)


def _git(repo: git.Repo, cwd: Path, *args: str) -> str | None:
    """git's output, or None when git fails. Only read-only plumbing that runs no hook,
    filter or fsmonitor."""
    try:
        return repo.run(cwd, *args)
    except git.GitFailed:
        return None


def _repository(repo: git.Repo, cwd: Path) -> str:
    """The repository's address: GitHub's own in GitHub Actions (from the runner's
    environment, when the catalog is in the checked-out repository), else the ``origin``
    remote without any user name or password in it, else the work tree itself."""
    tree = repo.tree
    server, name = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if server and name and workspace and Path(workspace).resolve() == tree:
        return _web(f"{server.rstrip('/')}/{name}") or tree.as_uri() + "/"
    remote = _git(repo, cwd, "config", "--get", "remote.origin.url")
    return (_web(remote.strip()) if remote else None) or tree.as_uri() + "/"


def _web(address: str) -> str | None:
    """A remote's address as a URI without credentials: https and ssh URLs keep their host
    and path; scp-like ``git@host:owner/repo.git`` becomes ``ssh://host/owner/repo.git``.
    Anything else (a local path) gives None."""
    scp = re.fullmatch(r"(?:[^@/:]+@)?([A-Za-z0-9.-]+):(?!//)([^\\]+)", address)
    if scp:
        address = f"ssh://{scp.group(1)}/{scp.group(2).lstrip('/')}"
    try:
        parts = urlsplit(address)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("https", "http", "ssh", "git") or not host:
        return None
    netloc = host + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe="/%"), "", ""))


def _location(src: Source, d: Diagnostic) -> dict[str, Any]:
    path = os.path.normpath(os.path.join(src.catalog, d.path))
    physical: dict[str, Any] = {
        "artifactLocation": {
            # RFC 3986: spaces, `%`, `#`, `?` and non-ASCII letters are percent-encoded.
            "uri": quote(Path(path).as_posix(), safe="/"),
            "uriBaseId": SRCROOT,
        }
    }
    if d.line >= 1:  # line 0: the file (or the catalog) as a whole, no region
        region = {"startLine": d.line}
        if d.column >= 1:
            region["startColumn"] = d.column
        physical["region"] = region
    return {"physicalLocation": physical}


def as_dict(result: LintResult, rules_url: str = RULES_URL) -> dict[str, Any]:
    src = source(result.root)
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for d in result.diagnostics:
        message = d.message + (f" ({d.hint})" if d.hint else "")
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _LEVEL[d.severity.value],
                "message": {"text": message},
                "locations": [_location(src, d)],
            }
        )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mcauthor",
                "version": __version__,
                "informationUri": HOME,
                "rules": [_rule(rule, rules_url) for rule in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": src.root.as_uri().rstrip("/") + "/"}},
    }
    if src.provenance is not None:
        run["versionControlProvenance"] = [src.provenance]
    run |= {"columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: LintResult, rules_url: str = RULES_URL) -> str:
    return json.dumps(as_dict(result, rules_url), indent=2, ensure_ascii=False) + "\n"
