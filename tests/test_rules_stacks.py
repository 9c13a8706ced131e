"""Stack rules (MC6xx): exact findings on small catalogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mcauthor.diagnostics import Severity
from mcauthor.lint import lint
from mcauthor.rules.base import CREDENTIAL, Example

from conftest import found, invoke, line_of, only

MakeCatalog = Callable[..., Path]
STACK = "stacks/example-stack.yaml"


def cred(cid: str) -> str:
    return f"credentials/{cid}.yaml"


def stack(sid: str) -> str:
    return f"stacks/{sid}.yaml"


def block(*ids: str) -> str:
    """A `credentials:` list in block style: one item a line, so each has its own line."""
    return "credentials:\n" + "".join(f"  - {i}\n" for i in ids)


# -- MC601 stack-order-before-requirement ----------------------------------------------------


def test_order_points_at_the_earlier_item_and_names_both_positions(
    make_catalog: MakeCatalog,
) -> None:
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "requires: [peer-feedback]\n",
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: block("example", "peer-feedback"),
            }
        )
    )
    result = lint(root)
    assert found(result) == [("MC601", STACK, line_of(root, STACK, "- example"))]
    (d,) = result.diagnostics
    assert d.column == 5  # the value of the item, after "  - "
    assert (
        d.message == "`example` (item 1) comes before `peer-feedback` (item 2), which it requires"
    )
    assert d.hint == (
        "Move `peer-feedback` above `example`: a stack lists its credentials in the order "
        "educators earn them, prerequisites first."
    )


def test_order_several_pairs_in_one_stack(make_catalog: MakeCatalog) -> None:
    # d requires b and a (both later), c requires a (later) and d (earlier: fine),
    # b requires nothing.
    root = make_catalog(
        Example(
            files={
                cred("a"): "title: A\n",
                cred("b"): "title: B\n",
                cred("c"): "title: C\nrequires: [a, d]\n",
                cred("d"): "title: D\nrequires: [a, b]\n",
                STACK: block("d", "c", "b", "a", "example"),
            }
        )
    )
    result = lint(root)
    assert found(result) == [
        ("MC601", STACK, line_of(root, STACK, "- d")),
        ("MC601", STACK, line_of(root, STACK, "- c")),
    ]
    assert [d.message for d in result.diagnostics] == [
        "`d` (item 1) comes before `b` (item 3) and `a` (item 4), which it requires",
        "`c` (item 2) comes before `a` (item 4), which it requires",
    ]
    assert result.diagnostics[0].hint is not None
    assert result.diagnostics[0].hint.startswith("Move `b` and `a` above `d`:")


def test_order_is_checked_per_stack_for_a_credential_in_several_stacks(
    make_catalog: MakeCatalog,
) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\nrequires: [example]\n",
                STACK: "credentials: [example, peer-feedback]\n",
                stack("second"): "title: Second\ncredentials: [peer-feedback, example]\n",
                stack("third"): "title: Third\ncredentials: [peer-feedback]\n",
            }
        )
    )
    result = lint(root)
    # Only `second` has the order wrong; the prerequisite in another stack (third) is
    # not this rule's business. `second` also repeats `example-stack` (MC605).
    assert sorted(found(result)) == [
        ("MC601", stack("second"), line_of(root, stack("second"), "credentials:")),
        ("MC602", stack("third"), line_of(root, stack("third"), "credentials:")),
        ("MC605", stack("second"), line_of(root, stack("second"), "credentials:")),
    ]
    (order,) = only(result, "MC601")
    assert order.message == (
        "`peer-feedback` (item 1) comes before `example` (item 2), which it requires"
    )


def test_order_uses_the_first_place_of_a_repeated_item(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "requires: [peer-feedback]\n",
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: block("peer-feedback", "example", "peer-feedback"),
            }
        )
    )
    result = lint(root)
    # peer-feedback first comes before example: only the repeat is a problem (MC506).
    assert found(result) == [("MC506", STACK, line_of(root, STACK, "- peer-feedback", 2))]


def test_order_leaves_requires_cycles_to_mc504(make_catalog: MakeCatalog) -> None:
    # a -> b -> c -> a is a loop; x requires a (not on the loop); s requires itself.
    root = make_catalog(
        Example(
            files={
                cred("a"): "title: A\nrequires: [b]\n",
                cred("b"): "title: B\nrequires: [c]\n",
                cred("c"): "title: C\nrequires: [a]\n",
                cred("s"): "title: S\nrequires: [s]\n",
                cred("x"): "title: X\nrequires: [a]\n",
                STACK: block("example", "x", "s", "a", "b", "c"),
            }
        )
    )
    result = lint(root)
    assert sorted(d.code for d in result.diagnostics) == ["MC504", "MC504", "MC601"]
    (order,) = only(result, "MC601")
    assert order.line == line_of(root, STACK, "- x")
    assert order.message == "`x` (item 2) comes before `a` (item 4), which it requires"


def test_order_in_a_retired_stack_is_not_checked(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "requires: [peer-feedback]\n",
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: "status: retired\ncredentials: [example, peer-feedback]\n",
            }
        )
    )
    assert found(lint(root)) == []


# -- MC602 stack-single-credential ---------------------------------------------------------


def test_single_credential_points_at_credentials(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(files={cred("peer-feedback"): "title: Peer Feedback\n", STACK: block("example")})
    )
    result = lint(root)
    assert found(result) == [
        ("MC508", cred("peer-feedback"), line_of(root, cred("peer-feedback"), "id:")),
        ("MC602", STACK, line_of(root, STACK, "credentials:")),
    ]
    assert only(result, "MC602")[0].message == "the stack holds only one credential, `example`"


def test_single_credential_counts_after_resolution(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: "credentials: [example, example]\n",
                stack("second"): "title: Second\ncredentials: [peer-feedback]\n",
            }
        )
    )
    result = lint(root)
    assert sorted((d.code, d.path) for d in result.diagnostics) == [
        ("MC506", STACK),
        ("MC602", STACK),
        ("MC602", stack("second")),
    ]


@pytest.mark.parametrize(
    ("credentials", "code"),
    [
        ("[exmaple]", "MC505"),  # its only credential is unknown
        ("[example, exmaple]", "MC505"),  # a second one was meant
        ("[]", "MC507"),  # empty
    ],
)
def test_single_credential_leaves_unknown_and_empty_to_mc5(
    make_catalog: MakeCatalog, credentials: str, code: str
) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: f"credentials: {credentials}\n",
                stack("second"): "title: Second\ncredentials: [example, peer-feedback]\n",
            }
        )
    )
    assert [d.code for d in lint(root).diagnostics] == [code]


def test_single_credential_is_fine_when_nothing_else_could_join(
    make_catalog: MakeCatalog,
) -> None:
    assert found(lint(make_catalog())) == []  # a new catalog of one credential
    root = make_catalog(Example(files={cred("old"): "title: Old\nstatus: retired\n"}))
    assert found(lint(root)) == []  # the only other credential is retired


def test_single_credential_in_a_retired_stack(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: "status: retired\ncredentials: [example]\n",
                stack("second"): "title: Second\ncredentials: [example, peer-feedback]\n",
            }
        )
    )
    assert found(lint(root)) == []


# -- MC603 stack-retired-credential ------------------------------------------------------------


def test_retired_credential_points_at_its_item_in_every_stack(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("old"): "title: Old\nstatus: retired\n",
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: block("example", "old"),
                stack("second"): "title: Second\n" + block("old", "peer-feedback"),
            }
        )
    )
    result = lint(root)
    assert found(result) == [
        ("MC603", STACK, line_of(root, STACK, "- old")),
        ("MC603", stack("second"), line_of(root, stack("second"), "- old")),
    ]
    assert result.diagnostics[0].column == 5
    assert result.diagnostics[0].message == (
        "the stack is published but lists `old`, which is retired"
    )


def test_retired_credential_in_a_retired_stack(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("old"): "title: Old\nstatus: retired\n",
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: "credentials: [example, peer-feedback]\n",
                stack("archive"): "title: Archive\nstatus: retired\ncredentials: [example, old]\n",
            }
        )
    )
    assert found(lint(root)) == []


def test_retired_credential_listed_twice_is_reported_once(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("old"): "title: Old\nstatus: retired\n",
                STACK: block("old", "example", "old"),
            }
        )
    )
    result = lint(root)
    assert found(result) == [
        ("MC603", STACK, line_of(root, STACK, "- old")),
        ("MC506", STACK, line_of(root, STACK, "- old", 2)),
    ]


# -- MC606 stack-draft-credential (replaces the retired MC604 stack-all-drafts) ----------------


def test_each_draft_in_a_published_stack_is_an_error_at_its_item(
    make_catalog: MakeCatalog,
) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\nstatus: draft\n",
                cred("exit-tickets"): "title: Exit Tickets\nstatus: draft\n",
                cred("old"): "title: Old\nstatus: retired\n",
                STACK: block("peer-feedback", "example", "exit-tickets", "old"),
            }
        )
    )
    result = lint(root)
    assert found(result) == [
        ("MC606", STACK, line_of(root, STACK, "- peer-feedback")),
        ("MC606", STACK, line_of(root, STACK, "- exit-tickets")),
        ("MC603", STACK, line_of(root, STACK, "- old")),
    ]
    first, second, old = result.diagnostics
    assert first.severity is Severity.ERROR and first.column == 5
    assert first.message == (
        "the stack is published (the default) but lists `peer-feedback`, which is a draft"
    )
    assert first.hint == (
        "Publish `peer-feedback` when it is ready, or mark the stack `status: draft` until "
        "then: educators cannot complete a stack that holds a draft."
    )
    assert second.message.endswith("`exit-tickets`, which is a draft")
    # A retired member stays a warning (MC603), and its message says the stack is offered.
    assert old.severity is Severity.WARNING
    assert old.message == "the stack is published but lists `old`, which is retired"


def test_all_drafts_give_one_error_each_and_say_when_status_is_not_written(
    make_catalog: MakeCatalog,
) -> None:
    # What MC604 reported once (every credential a draft) is now one MC606 per draft.
    root = make_catalog(
        Example(
            files={
                CREDENTIAL: "status: draft\n",
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: "status: published\ncredentials: [peer-feedback, example]\n",
            },
            omit={cred("peer-feedback"): ("status",)},  # a credential is a draft by default
        )
    )
    result = lint(root)
    at = line_of(root, STACK, "credentials:")
    assert found(result) == [("MC606", STACK, at), ("MC606", STACK, at)]
    assert [d.message for d in result.diagnostics] == [
        "the stack is published but lists `peer-feedback`, which is a draft (it has no `status`)",
        "the stack is published but lists `example`, which is a draft",
    ]
    assert result.diagnostics[0].column < result.diagnostics[1].column  # each at its item


def test_a_draft_in_two_published_stacks_is_reported_in_each(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\nstatus: draft\n",
                cred("exit-tickets"): "title: Exit Tickets\n",
                STACK: block("example", "peer-feedback", "peer-feedback"),
                stack("second"): "title: Second\n" + block("peer-feedback", "exit-tickets"),
            }
        )
    )
    result = lint(root)
    assert found(result) == [
        ("MC606", STACK, line_of(root, STACK, "- peer-feedback")),  # the first listing only
        ("MC506", STACK, line_of(root, STACK, "- peer-feedback", 2)),
        ("MC606", stack("second"), line_of(root, stack("second"), "- peer-feedback")),
    ]


@pytest.mark.parametrize(
    ("files", "codes"),
    [
        # every member is published
        ({cred("peer-feedback"): "title: Peer Feedback\nstatus: published\n"}, []),
        # the stack is a draft too
        ({CREDENTIAL: "status: draft\n", STACK: "status: draft\n"}, []),
        # a retired stack
        ({CREDENTIAL: "status: draft\n", STACK: "status: retired\n"}, []),
        # an empty stack has no members
        ({CREDENTIAL: "status: draft\n", STACK: "credentials: []\n"}, ["MC507", "MC508"]),
        # an invalid status (reported by the schema) is not taken for a draft
        ({CREDENTIAL: "status: finished\n"}, ["MC053"]),
        ({CREDENTIAL: "status: draft\n", STACK: "status: live\n"}, ["MC053"]),
    ],
)
def test_draft_credential_quiet_cases(
    make_catalog: MakeCatalog, files: dict[str, str], codes: list[str]
) -> None:
    files = {STACK: "credentials: [example, peer-feedback]\n", **files}
    if cred("peer-feedback") not in files and "peer-feedback" in files[STACK]:
        files[cred("peer-feedback")] = "title: Peer Feedback\nstatus: published\n"
    result = lint(make_catalog(Example(files=files)))
    assert sorted(d.code for d in result.diagnostics) == codes


def test_a_draft_stack_holding_a_retired_credential_is_warned_as_a_draft(
    make_catalog: MakeCatalog,
) -> None:
    root = make_catalog(
        Example(
            files={
                cred("old"): "title: Old\nstatus: retired\n",
                STACK: "status: draft\n" + block("example", "old"),
            }
        )
    )
    (d,) = lint(root).diagnostics
    assert (d.code, d.severity) == ("MC603", Severity.WARNING)
    assert d.message == "the stack is a draft but lists `old`, which is retired"


def test_the_new_code_suppresses_a_draft_and_the_old_code_is_explained(
    make_catalog: MakeCatalog,
) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\nstatus: draft\n",
                cred("exit-tickets"): "title: Exit Tickets\nstatus: draft\n",
                STACK: "credentials:\n"
                "  - example\n"
                "  - peer-feedback  # mcauthor: disable=MC606 -- published next week\n"
                "  - exit-tickets  # mcauthor: disable=MC604 -- an old suppression\n",
            }
        )
    )
    result = lint(root)
    assert found(result) == [
        ("MC606", STACK, line_of(root, STACK, "- exit-tickets")),
        ("MC900", STACK, line_of(root, STACK, "- exit-tickets")),
    ]
    old = result.diagnostics[1]
    assert old.severity is Severity.INFO
    assert old.message == (
        "`# mcauthor: disable=MC604` suppresses nothing: MC604 (stack-all-drafts) was "
        "retired; MC606 (stack-draft-credential) replaces it"
    )
    assert old.hint is not None and old.hint.startswith("Remove `MC604` from the comment.")


@pytest.mark.parametrize("written", ["MC604", "stack-all-drafts"])
def test_a_retired_rule_in_lint_rules_is_explained_not_an_error(
    make_catalog: MakeCatalog, written: str
) -> None:
    config = f'lint:\n  rules:\n    {written}: "off"\n'
    root = make_catalog(Example(files={"mcauthor.yaml": config}))
    result = lint(root)
    assert [(d.code, d.severity) for d in result.diagnostics] == [("MC054", Severity.WARNING)]
    assert result.diagnostics[0].message == (
        f"`{written}` changes nothing: MC604 (stack-all-drafts) was retired; "
        "MC606 (stack-draft-credential) replaces it"
    )
    assert not result.failed


def test_retired_codes_on_the_command_line(make_catalog: MakeCatalog) -> None:
    from mcauthor.lint import LintOptions
    from mcauthor.loader import CannotRun

    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\nstatus: draft\n",
                STACK: "credentials: [example, peer-feedback]\n",
            }
        )
    )
    # Ignoring a retired code is harmless: it ignores nothing.
    assert [d.code for d in lint(root, LintOptions(ignore=("MC604",))).diagnostics] == ["MC606"]
    # Selecting one would check nothing: refused, naming the replacement.
    with pytest.raises(CannotRun, match=r"`mc604` selects nothing: MC604 \(stack-all-drafts\)"):
        lint(root, LintOptions(select=("mc604",)))


def test_mcauthor_rules_explains_a_retired_code() -> None:
    from mcauthor import ruledocs

    for asked in ("MC604", "mc604", "stack-all-drafts"):
        result = invoke("rules", asked)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("MC604 stack-all-drafts\n\nRetired.")
        assert "Replaced by MC606 (stack-draft-credential)." in result.stdout
    shown = invoke("rules", "MC604", "--format", "json").stdout
    assert '"replaced_by": "MC606"' in shown
    # docs/rules.md keeps an entry, so links to #mc604-stack-all-drafts still lead somewhere.
    assert "\n### MC604 stack-all-drafts\n" in ruledocs.reference()
    assert "MC604" not in ruledocs.table()


# -- MC605 stack-identical-membership --------------------------------------------------------


def test_identical_sets_in_a_different_order(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: "credentials: [example, peer-feedback]\n",
                stack("another"): "title: Another\ncredentials: [peer-feedback, example]\n",
            }
        )
    )
    result = lint(root)
    # Reported at the later file by path (example-stack after another), naming the earlier.
    assert found(result) == [("MC605", STACK, line_of(root, STACK, "credentials:"))]
    assert result.diagnostics[0].message == (
        "the stack holds the same credentials as the stack `another` (stacks/another.yaml)"
    )


def test_identical_membership_goes_by_file_path_not_id(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: "credentials: [example, peer-feedback]\n",
                "stacks/zz/alpha.yaml": "title: Alpha\ncredentials: [peer-feedback, example]\n",
            }
        )
    )
    result = lint(root)
    assert [(d.code, d.path, d.message) for d in result.diagnostics] == [
        (
            "MC605",
            "stacks/zz/alpha.yaml",
            "the stack holds the same credentials as the stack `example-stack` "
            "(stacks/example-stack.yaml)",
        )
    ]


def test_three_identical_stacks_give_two_findings(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(
            files={
                cred("peer-feedback"): "title: Peer Feedback\n",
                STACK: "credentials: [example, peer-feedback]\n",
                stack("b-stack"): "title: B\ncredentials: [peer-feedback, example]\n",
                stack("z-stack"): "title: Z\ncredentials: [example, peer-feedback, example]\n",
            }
        )
    )
    result = lint(root)
    assert sorted((d.code, d.path, d.message) for d in result.diagnostics) == [
        ("MC506", stack("z-stack"), "the stack lists `example` again (it is already item 1)"),
        (
            "MC605",
            STACK,
            "the stack holds the same credentials as the stack `b-stack` (stacks/b-stack.yaml)",
        ),
        (
            "MC605",
            stack("z-stack"),
            "the stack holds the same credentials as the stack `b-stack` (stacks/b-stack.yaml)",
        ),
    ]


@pytest.mark.parametrize(
    ("second", "codes"),
    [
        ("credentials: [example]\n", ["MC602"]),  # a subset is not the same set
        ("credentials: [example, peer-feedback, extra]\n", []),  # a superset neither
        ("credentials: [example, peer-feedback, exmaple]\n", ["MC505"]),  # listed differently
        ("status: retired\ncredentials: [peer-feedback, example]\n", []),  # a retired copy
        ("status: draft\ncredentials: [peer-feedback, example]\n", ["MC605"]),  # a draft copy
    ],
)
def test_identical_membership_cases(
    make_catalog: MakeCatalog, second: str, codes: list[str]
) -> None:
    files = {
        cred("peer-feedback"): "title: Peer Feedback\n",
        STACK: "credentials: [example, peer-feedback]\n",
        stack("second"): "title: Second\n" + second,
    }
    if "extra" in second:
        files[cred("extra")] = "title: Extra\n"
    assert sorted(d.code for d in lint(make_catalog(Example(files=files))).diagnostics) == codes


def test_two_empty_stacks_are_not_identical(make_catalog: MakeCatalog) -> None:
    root = make_catalog(
        Example(files={STACK: "credentials: []\n", stack("second"): "title: S\ncredentials: []\n"})
    )
    assert sorted(d.code for d in lint(root).diagnostics) == ["MC507", "MC507", "MC508"]
