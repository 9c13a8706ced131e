"""Catalog-integrity rules (MC5xx) and the graph helpers: exact findings on small catalogs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from mcauthor.diagnostics import Diagnostic, Severity
from mcauthor.graphs import CycleError, find_cycles, topological_order
from mcauthor.lint import LintResult, lint
from mcauthor.rules.base import CREDENTIAL, Example

from conftest import col_of, line_of, only

MakeCatalog = Callable[..., Path]
STACK = "stacks/example-stack.yaml"
PNG = b"\x89PNG\r\n\x1a\n"


def mc5(result: LintResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code.startswith("MC5")]


def serious(result: LintResult) -> list[tuple[str, str]]:
    """Errors and warnings from loading, the schema and this group's rules."""
    return [
        (d.code, d.path)
        for d in result.diagnostics
        if d.severity is not Severity.INFO and d.code[:3] in {"MC0", "MC5"}
    ]


# -- graphs ---------------------------------------------------------------------------


def test_find_cycles_lists_each_cycle_once_rotated_and_sorted() -> None:
    edges = {
        "c": ["a"],
        "a": ["b"],
        "b": ["c", "b"],  # b also requires itself
        "d": ["d"],
        "e": ["a", "zz"],  # leads into a cycle, is on none; zz only appears as a target
    }
    assert find_cycles(edges) == [["a", "b", "c"], ["b"], ["d"]]


def test_find_cycles_overlapping_and_acyclic() -> None:
    assert find_cycles({"a": ["b"], "b": ["a", "c"], "c": ["b"]}) == [["a", "b"], ["b", "c"]]
    assert find_cycles({"a": ["b", "c"], "b": ["c"], "c": []}) == []
    assert find_cycles({}) == []


def test_find_cycles_is_bounded_on_a_dense_graph() -> None:
    nodes = [f"n{i:02}" for i in range(30)]
    edges = {n: [m for m in nodes if m != n] for n in nodes}
    cycles = find_cycles(edges)
    assert 1 <= len(cycles) <= 20
    assert all(cycle[0] == min(cycle) for cycle in cycles)


def test_topological_order_is_deterministic_and_rejects_cycles() -> None:
    edges = {"scoring": ["design"], "calibration": ["design", "scoring"], "zeta": []}
    assert topological_order(edges) == ["design", "scoring", "calibration", "zeta"]
    # smallest ready id first, not batch by batch
    assert topological_order({"b": [], "a": ["c"], "c": []}) == ["b", "c", "a"]
    with pytest.raises(CycleError):
        topological_order({"a": ["b"], "b": ["a"]})


# -- MC501 id-mismatch ------------------------------------------------------------------


def test_id_mismatch_points_at_the_id_value(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                "credentials/sub/peer-feedback.yaml": "id: peer-review\n",
                "stacks/second.yml": "id: other-stack\ncredentials: [example]\n",
                STACK: "credentials: [example, peer-review]\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.path, d.line, d.column, d.message) for d in found] == [
        (
            "MC501",
            "credentials/sub/peer-feedback.yaml",
            line_of(root, "credentials/sub/peer-feedback.yaml", "id: peer-review"),
            5,
            "the id `peer-review` differs from the file name `peer-feedback.yaml`",
        ),
        (
            "MC501",
            "stacks/second.yml",
            line_of(root, "stacks/second.yml", "id: other-stack"),
            5,
            "the id `other-stack` differs from the file name `second.yml`",
        ),
    ]
    assert found[1].hint is not None and "`other-stack.yml`" in found[1].hint


@pytest.mark.parametrize(
    ("copy", "taken", "expected"),
    [
        # No valid id in the file name, and `example.yaml` is the original: a new id.
        (
            "Example Copy#%é.yaml",
            (),
            "Choose a new id of lowercase letters, digits and single hyphens, like "
            "`example-copy-e`, for both the file and the id (rename the file to "
            "`example-copy-e.yaml` and change the id to `example-copy-e`)",
        ),
        # ... and one that no file has, in either YAML extension.
        ("Example Copy#%é.yaml", ("example-copy-e.yml",), "like `example-copy-e-2`"),
        # A valid file name: change the id, never rename onto the original.
        ("example-copy.yaml", (), "Change the id to `example-copy`: the id must"),
    ],
)
def test_id_mismatch_never_proposes_a_taken_name(
    make_catalog: MakeCatalog, copy: str, taken: tuple[str, ...], expected: str
) -> None:
    root = make_catalog(Example())
    text = (root / CREDENTIAL).read_text("utf-8")
    (root / "credentials" / copy).write_text(text, "utf-8")
    for name in taken:
        (root / "credentials" / name).write_text(text.replace("id: example", "id: other"))
    (found,) = [d for d in only(lint(root), "MC501") if d.path == f"credentials/{copy}"]
    assert found.hint is not None and expected in found.hint, found.hint
    assert "`example.yaml`" not in found.hint


def test_absent_or_invalid_id_is_not_a_mismatch(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={"credentials/peer-feedback.yaml": "id: Peer_Feedback\n"},
            omit={CREDENTIAL: ("id",)},
        )
    )
    result = lint(root)
    assert only(result, "MC501") == []
    assert {d.code for d in result.diagnostics} >= {"MC052", "MC053"}


# -- MC502 duplicate-id -----------------------------------------------------------------


def test_duplicate_credential_ids_in_subfolders(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                "credentials/b/shared.yaml": "title: B\n",
                "credentials/a/shared.yaml": "title: A\n",
                STACK: "credentials: [example, shared]\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.path, d.message) for d in found] == [
        (
            "MC502",
            "credentials/b/shared.yaml",
            "the credential id `shared` is already used by credentials/a/shared.yaml",
        )
    ]
    assert found[0].line == line_of(root, "credentials/b/shared.yaml", "id: shared")


def test_duplicate_stack_ids(make_catalog: MakeCatalog) -> None:
    root = make_catalog(Example(files={"stacks/second.yaml": "id: example-stack\n"}))
    found = [(d.code, d.path, d.message) for d in mc5(lint(root))]
    assert found == [
        (
            "MC501",
            "stacks/second.yaml",
            "the id `example-stack` differs from the file name `second.yaml`",
        ),
        (
            "MC502",
            "stacks/second.yaml",
            "the stack id `example-stack` is already used by stacks/example-stack.yaml",
        ),
    ]


# -- MC503 unknown-requires -------------------------------------------------------------


def test_unknown_requires_points_at_the_item_past_pruned_ones(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "requires: [Not_An_Id, peer-feedbak]\n",
                "credentials/peer-feedback.yaml": "title: Peer Feedback\n",
                STACK: "credentials: [peer-feedback, example]\n",
            }
        )
    )
    result = lint(root)
    found = mc5(result)
    assert [(d.code, d.line, d.column, d.message) for d in found] == [
        (
            "MC503",
            line_of(root, CREDENTIAL, "requires:"),
            col_of(root, CREDENTIAL, "peer-feedbak"),
            "`requires` names `peer-feedbak`, which is no credential in this catalog; "
            "did you mean `peer-feedback`?",
        )
    ]
    assert [d.code for d in result.diagnostics if d.code == "MC053"] == ["MC053"]


def test_unknown_stack_requires_and_no_suggestion(make_catalog: MakeCatalog) -> None:
    root = make_catalog(Example(files={STACK: "requires: [zzzz]\n"}))
    found = mc5(lint(root))
    assert [(d.code, d.path, d.message) for d in found] == [
        ("MC503", STACK, "`requires` names `zzzz`, which is no stack in this catalog")
    ]


def test_requiring_an_unreadable_credential_is_not_unknown(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={CREDENTIAL: "requires: [broken]\n"},
            whole={"credentials/broken.yaml": 'id: broken\ntitle: "unclosed\n'},
        )
    )
    result = lint(root)
    assert "MC001" in [d.code for d in result.diagnostics]
    assert only(result, "MC503") == []


# -- MC504 requires-cycle ---------------------------------------------------------------


def test_three_credential_cycle_reported_once(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                "credentials/beta.yaml": "requires: [gamma]\n",
                "credentials/alpha.yaml": "requires: [beta]\n",
                "credentials/gamma.yaml": "requires: [alpha]\n",
                STACK: "credentials: [example, alpha, beta, gamma]\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.path, d.line, d.column, d.message) for d in found] == [
        (
            "MC504",
            "credentials/alpha.yaml",
            line_of(root, "credentials/alpha.yaml", "requires:"),
            col_of(root, "credentials/alpha.yaml", "beta", on="requires:"),
            "these credentials require each other in a loop: alpha → beta → gamma → alpha",
        )
    ]


def test_cycle_reported_at_first_file_and_starts_there(make_catalog: MakeCatalog) -> None:
    # zeta's file sorts first though `alpha` is the smaller id.
    root = make_catalog(
        Example(
            files={
                "credentials/a/zeta.yaml": "requires: [example, alpha]\n",
                "credentials/b/alpha.yaml": "requires: [zeta]\n",
                STACK: "credentials: [example, alpha, zeta]\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.path, d.column, d.message) for d in found] == [
        (
            "credentials/a/zeta.yaml",
            col_of(root, "credentials/a/zeta.yaml", "alpha", on="requires:"),
            "these credentials require each other in a loop: zeta → alpha → zeta",
        )
    ]


def test_self_requirement_is_a_cycle_not_unknown(make_catalog: MakeCatalog) -> None:
    root = make_catalog(Example.credential("requires: [example]\n"))
    found = mc5(lint(root))
    assert [(d.code, d.message) for d in found] == [
        ("MC504", "the credential `example` requires itself")
    ]


def test_overlapping_cycles_each_once(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                "credentials/a.yaml": "requires: [b]\n",
                "credentials/b.yaml": "requires: [a, c]\n",
                "credentials/c.yaml": "requires: [b]\n",
                STACK: "credentials: [example, a, b, c]\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.path, d.message) for d in found] == [
        (
            "MC504",
            "credentials/a.yaml",
            "these credentials require each other in a loop: a → b → a",
        ),
        (
            "MC504",
            "credentials/b.yaml",
            "these credentials require each other in a loop: b → c → b",
        ),
    ]


def test_stack_cycle(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                STACK: "requires: [second]\n",
                "stacks/second.yaml": "requires: [example-stack]\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.path, d.message) for d in found] == [
        (
            "MC504",
            STACK,
            "these stacks require each other in a loop: example-stack → second → example-stack",
        )
    ]


# -- MC505, MC506, MC507 stacks ------------------------------------------------------------


def test_stack_unknown_credential_points_at_the_item(make_catalog: MakeCatalog) -> None:
    root = make_catalog(Example(files={STACK: "credentials:\n  - example\n  - exampel\n"}))
    found = mc5(lint(root))
    assert [(d.code, d.line, d.column, d.message) for d in found] == [
        (
            "MC505",
            line_of(root, STACK, "- exampel"),
            5,
            "the stack lists `exampel`, which is no credential in this catalog; "
            "did you mean `example`?",
        )
    ]


def test_stack_duplicate_credential_reports_later_copies(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                "credentials/other.yaml": "title: Other\n",
                STACK: "credentials:\n  - example\n  - other\n  - example\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.line, d.message) for d in found] == [
        (
            "MC506",
            line_of(root, STACK, "- example", nth=2),
            "the stack lists `example` again (it is already item 1)",
        )
    ]


@pytest.mark.parametrize(
    ("fragment", "at_key"),
    [("credentials: []\n", True), ("", False)],
    ids=["empty-list", "absent"],
)
def test_stack_empty(make_catalog: MakeCatalog, fragment: str, at_key: bool) -> None:
    example = (
        Example(files={STACK: fragment}) if fragment else Example(omit={STACK: ("credentials",)})
    )
    root = make_catalog(example)
    result = lint(root)
    found = [d for d in mc5(result) if d.severity is not Severity.INFO]
    assert [(d.code, d.message) for d in found] == [("MC507", "the stack lists no credentials")]
    expected = line_of(root, STACK, "credentials:") if at_key else line_of(root, STACK, "id:")
    assert found[0].line == expected


def test_stack_credentials_of_wrong_type_is_reported_once(make_catalog: MakeCatalog) -> None:
    root = make_catalog(Example(files={STACK: "credentials: example\n"}))
    result = lint(root)
    assert "MC051" in [d.code for d in result.diagnostics]
    assert only(result, "MC507") == []


# -- MC508 credential-in-no-stack -----------------------------------------------------


def test_credential_in_no_stack_skips_retired(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                "credentials/old.yaml": "status: retired\n",
                "credentials/new.yaml": "status: draft\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.severity, d.path, d.message) for d in found] == [
        ("MC508", Severity.INFO, "credentials/new.yaml", "the credential `new` is in no stack")
    ]


def test_credential_in_no_stack_without_any_stack(make_catalog: MakeCatalog) -> None:
    root = make_catalog()
    (root / STACK).unlink()
    found = mc5(lint(root))
    assert [(d.code, d.path) for d in found] == [("MC508", CREDENTIAL)]


def test_no_guessing_when_a_stack_file_cannot_be_read(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={"credentials/new.yaml": "title: New\n"},
            whole={"stacks/broken.yaml": "id: broken\ncredentials: [new\n"},
        )
    )
    result = lint(root)
    assert "MC001" in [d.code for d in result.diagnostics]
    assert only(result, "MC508") == []


# -- MC509 hours-missing ------------------------------------------------------------------


def test_hours_missing_and_invalid_hours(make_catalog: MakeCatalog) -> None:
    root = make_catalog(Example.credential(omit=("hours", "ceu")))
    found = mc5(lint(root))
    assert [(d.code, d.severity, d.line) for d in found] == [
        ("MC509", Severity.WARNING, line_of(root, CREDENTIAL, "id: example"))
    ]
    root = make_catalog(Example.credential("hours: ten\n", omit=("ceu",)))
    result = lint(root)
    assert "MC051" in [d.code for d in result.diagnostics]
    assert only(result, "MC509") == []


# -- MC510 published-requires-unpublished -------------------------------------------------


def test_published_requires_draft_and_retired(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "requires: [early, old]\n",
                "credentials/early.yaml": "status: draft\n",
                "credentials/old.yaml": "status: retired\n",
                STACK: "credentials: [early, example]\n",
            }
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.column, d.message) for d in found] == [
        (
            "MC510",
            col_of(root, CREDENTIAL, "early", on="requires:"),
            "this published credential requires `early`, which is a draft",
        ),
        (
            "MC510",
            col_of(root, CREDENTIAL, "old", on="requires:"),
            "this published credential requires `old`, which is retired",
        ),
    ]


def test_unpublished_requirers_and_invalid_status_are_quiet(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "status: draft\nrequires: [early]\n",
                "credentials/early.yaml": "status: draft\n",
                "credentials/odd.yaml": "requires: [weird]\n",
                "credentials/weird.yaml": "status: unknown\n",
                STACK: "credentials: [early, example, weird, odd]\n",
            }
        )
    )
    result = lint(root)
    assert only(result, "MC510") == []
    assert "MC053" in [d.code for d in result.diagnostics]


# -- MC511, MC512 assets --------------------------------------------------------------------


def test_assets_that_exist_are_quiet(make_catalog: MakeCatalog, tmp_path: Path) -> None:
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "image: ./assets/../assets/badge.png\n"
                "resources:\n  - title: Template\n    file: assets/docs/template.docx\n",
                "mcauthor.yaml": "issuer:\n  name: Example Issuer\n  logo: assets/logo.png\n",
            },
            raw={
                "assets/badge.png": PNG,
                "assets/logo.png": PNG,
                "assets/docs/template.docx": b"PK",
            },
        )
    )
    result = lint(root)
    assert [d for d in mc5(result) if d.code in {"MC511", "MC512"}] == []
    assert serious(result) == []


def test_missing_assets_name_the_thing(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "image: assets/badge.png\n"
                "resources:\n  - title: Template\n    file: assets\n"
                "  - title: Slides\n    file: https://example.org/slides.pdf\n",
                "mcauthor.yaml": "issuer:\n  name: Example Issuer\n  logo: assets\\logo.png\n",
            },
            raw={"assets/other.png": PNG},
        )
    )
    found = mc5(lint(root))
    assert [(d.code, d.path, d.line, d.column, d.message) for d in found] == [
        (
            "MC511",
            CREDENTIAL,
            line_of(root, CREDENTIAL, "image:"),
            8,
            "the badge image `assets/badge.png` does not exist in the catalog",
        ),
        (
            "MC511",
            CREDENTIAL,
            line_of(root, CREDENTIAL, "file: assets"),
            11,
            "the file of resource `Template` `assets` is a folder, not a file",
        ),
        (
            "MC511",
            CREDENTIAL,
            line_of(root, CREDENTIAL, "file: https"),
            11,
            "the file of resource `Slides` `https://example.org/slides.pdf` is a web address, "
            "not a catalog file",
        ),
        (
            "MC511",
            "mcauthor.yaml",
            line_of(root, "mcauthor.yaml", "logo:"),
            9,
            "the issuer logo `assets\\logo.png` uses backslashes",
        ),
    ]
    assert found[2].hint is not None and "`url:`" in found[2].hint


def test_asset_case_must_match(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(files={CREDENTIAL: "image: Assets/Badge.PNG\n"}, raw={"assets/badge.png": PNG})
    )
    found = mc5(lint(root))
    assert [(d.code, d.message) for d in found] == [
        (
            "MC511",
            "the badge image `Assets/Badge.PNG` differs in upper and lower case from the file "
            "`assets/badge.png`",
        )
    ]


@pytest.mark.parametrize(
    ("path", "how"),
    [
        ("../outside.png", "leads outside the catalog"),
        ("assets/../../outside.png", "leads outside the catalog"),
        ("..\\\\outside.png", "leads outside the catalog"),
        ("/etc/passwd", "is an absolute path"),
        ("C:\\\\Users\\\\me\\\\badge.png", "is an absolute path"),
    ],
)
def test_paths_outside_by_their_text(make_catalog: MakeCatalog, path: str, how: str) -> None:
    # the file outside exists: MC512 is reported instead of MC511, never both
    root = make_catalog(Example.credential(f'image: "{path}"\n'))
    (root.parent / "outside.png").write_bytes(PNG)
    found = mc5(lint(root))
    shown = path.replace("\\\\", "\\")
    assert [(d.code, d.message) for d in found] == [("MC512", f"the badge image `{shown}` {how}")]
    assert found[0].line == line_of(root, CREDENTIAL, "image:")


def test_symlink_escaping_the_root(make_catalog: MakeCatalog, tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG)
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "image: assets/shared/secret.png\n"
                "resources:\n  - title: Notes\n    file: assets/notes.png\n",
            },
            raw={"assets/inside.png": PNG},
        )
    )
    # Symbolic links are the attack under test: no symlinks here is a failure, not a skip.
    os.symlink(outside, root / "assets" / "shared")
    os.symlink(outside / "secret.png", root / "assets" / "notes.png")
    os.symlink(root / "assets" / "inside.png", root / "assets" / "alias.png")
    found = mc5(lint(root))
    assert [(d.code, d.message) for d in found] == [
        (
            "MC512",
            "the badge image `assets/shared/secret.png` leads outside the catalog through a "
            "symbolic link",
        ),
        (
            "MC512",
            "the file of resource `Notes` `assets/notes.png` leads outside the catalog through a "
            "symbolic link",
        ),
    ]
    # a link that stays inside the catalog is fine
    (root / CREDENTIAL).write_text(
        (root / CREDENTIAL)
        .read_text("utf-8")
        .replace("assets/shared/secret.png", "assets/alias.png")
        .replace("assets/notes.png", "assets/inside.png"),
        "utf-8",
    )
    assert [d for d in mc5(lint(root)) if d.code in {"MC511", "MC512"}] == []


def test_odd_asset_path_never_crashes(make_catalog: MakeCatalog) -> None:
    root = make_catalog(Example.credential('image: "assets/\\0bad.png"\n'))
    result = lint(root)
    assert "MC000" not in [d.code for d in result.diagnostics]
    assert [d.code for d in mc5(result)] == ["MC511"]


# -- MC513 bad-url -------------------------------------------------------------------------


def test_bad_urls_in_config_resources_and_alignments(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                "mcauthor.yaml": (
                    "catalog:\n  id: example-catalog\n  title: Example\n"
                    "  base_url: credentials.example.org\n"
                    "issuer:\n  name: Example Issuer\n  url: https://example.org\n"
                    "  email: mailto:info@example.org\n"
                ),
                "credentials/example.yaml": (
                    "resources:\n  - title: Toolkit\n    url: 'data:text/html,<b>x</b>'\n"
                    "alignments:\n  - {name: InTASC 6, url: 'https://exa mple.org'}\n"
                ),
            }
        )
    )
    found = [(d.path, d.line, d.message) for d in lint(root).diagnostics if d.code == "MC513"]
    assert [(p, m.split(" of ")[-1] if " of " in m else m) for p, _, m in found] == [
        ("credentials/example.yaml", "the resource `Toolkit` starts with `data:`, not `https://`"),
        ("credentials/example.yaml", "the alignment `InTASC 6` contains spaces"),
        ("mcauthor.yaml", "the catalog's `base_url` does not start with `https://`"),
        ("mcauthor.yaml", "`mailto:info@example.org` is not an email address"),
    ]
