"""`mcauthor.stacks.resolve`: the pathway that lint, build and export share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from mcauthor.lint import lint
from mcauthor.rules.base import Example
from mcauthor.stacks import Pathway, ResolvedStack, resolve, total

MakeCatalog = Callable[..., Path]
STACK = "stacks/example-stack.yaml"


def pathway(
    make_catalog: MakeCatalog, files: Mapping[str, str], **omit: tuple[str, ...]
) -> Pathway:
    """Resolve the base catalog with ``files`` laid over it."""
    root = make_catalog(
        Example(files=dict(files), omit={f"credentials/{k}.yaml": v for k, v in omit.items()})
    )
    return resolve(lint(root).catalog)


def cred(cid: str, extra: str = "") -> tuple[str, str]:
    return f"credentials/{cid}.yaml", f"title: {cid.title()}\n{extra}"


def stack(sid: str, text: str) -> tuple[str, str]:
    return f"stacks/{sid}.yaml", f"title: {sid.title()}\n{text}"


def ids(stacks: tuple[ResolvedStack, ...]) -> list[str]:
    return [s.id for s in stacks]


def members(p: Pathway, sid: str) -> list[str]:
    resolved = p.stack(sid)
    assert resolved is not None
    return [m.id for m in resolved.members]


# -- members ------------------------------------------------------------------------------


def test_members_keep_declared_order_without_unknown_ids_or_repeats(
    make_catalog: MakeCatalog,
) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                cred("zeta"),
                cred("alpha"),
                (STACK, "credentials: [zeta, missing, example, zeta, alpha, missing]\n"),
            ]
        ),
    )
    assert members(p, "example-stack") == ["zeta", "example", "alpha"]  # not sorted
    resolved = p.stack("example-stack")
    assert resolved is not None
    assert resolved.unknown == ("missing",)
    assert p.stack("no-such-stack") is None


def test_a_credential_in_two_stacks_lists_both_in_pathway_order(
    make_catalog: MakeCatalog,
) -> None:
    # `alpha` requires `zulu`, so the pathway puts zulu first although it sorts last.
    p = pathway(
        make_catalog,
        dict(
            [
                cred("shared"),
                cred("only-alpha"),
                stack("alpha", "credentials: [shared, only-alpha]\nrequires: [zulu]\n"),
                stack("zulu", "credentials: [example, shared]\n"),
                (STACK, "credentials: [example]\n"),
            ]
        ),
    )
    assert ids(p.stacks) == ["example-stack", "zulu", "alpha"]
    assert p.stacks_of["shared"] == ("zulu", "alpha")
    assert p.stacks_of["example"] == ("example-stack", "zulu")
    assert p.stacks_of["only-alpha"] == ("alpha",)
    assert members(p, "alpha") == ["shared", "only-alpha"]
    assert members(p, "zulu") == ["example", "shared"]


# -- totals -------------------------------------------------------------------------------


def test_totals_add_the_hours_and_ceus_that_are_given(make_catalog: MakeCatalog) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                cred("first", "hours: 5\nceu: 0.1\n"),
                cred("second", "hours: 7.5\nceu: 0.2\n"),
                cred("no-hours", "ceu: 0.5\n"),
                (STACK, "credentials: [example, first, second]\n"),
                stack("partial", "credentials: [first, no-hours, missing]\n"),
            ]
        ),
        **{"no-hours": ("hours",)},
    )
    full = p.stack("example-stack")
    assert full is not None
    assert (full.hours, full.ceu) == (22.5, 1.3)  # 10 + 5 + 7.5; 1 + 0.1 + 0.2 shows as 1.3
    assert full.without_hours == () and full.hours_complete
    partial = p.stack("partial")
    assert partial is not None
    assert (partial.hours, partial.ceu) == (5, 0.6)
    assert partial.without_hours == ("no-hours",)
    assert not partial.hours_complete


def test_total_rounds_and_skips_missing_values() -> None:
    assert total([0.1, 0.2]) == 0.3
    assert total([None, 2, None, 1.5]) == 3.5
    assert total([]) == 0


# -- pathway order ------------------------------------------------------------------------


def test_stacks_come_after_their_prerequisites_with_ties_by_id(make_catalog: MakeCatalog) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                (STACK, "credentials: [example]\nrequires: [c-stack, missing-stack]\n"),
                stack("c-stack", "credentials: [example]\nrequires: [d-stack]\n"),
                stack("d-stack", "credentials: [example]\n"),
                stack("b-stack", "credentials: [example]\n"),
                stack("a-stack", "credentials: [example]\nrequires: [example-stack]\n"),
            ]
        ),
    )
    # Ready first: b-stack and d-stack (smallest id first); then what they unlock.
    assert ids(p.stacks) == ["b-stack", "d-stack", "c-stack", "example-stack", "a-stack"]
    assert p.stack_graph["example-stack"] == ("c-stack",)  # unknown stacks left out
    example = p.stack("example-stack")
    assert example is not None
    assert example.requires == ("c-stack",)
    assert example.required_by == ("a-stack",)
    d_stack = p.stack("d-stack")
    assert d_stack is not None and d_stack.required_by == ("c-stack",)


def test_required_by_lists_dependents_in_pathway_order(make_catalog: MakeCatalog) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                stack("base", "credentials: [example]\n"),
                stack("aa", "credentials: [example]\nrequires: [base, mid]\n"),
                stack("mid", "credentials: [example]\nrequires: [base]\n"),
                (STACK, "credentials: [example]\nrequires: [base]\n"),
            ]
        ),
    )
    assert ids(p.stacks) == ["base", "example-stack", "mid", "aa"]
    base = p.stack("base")
    assert base is not None
    assert base.required_by == ("example-stack", "mid", "aa")


def test_credential_order_puts_prerequisites_first(make_catalog: MakeCatalog) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                cred("advanced", "requires: [middle, basic]\n"),
                cred("middle", "requires: [basic]\n"),
                cred("basic"),
                cred("aardvark", "requires: [nothing-here]\n"),
            ]
        ),
    )
    assert p.credential_order == ("aardvark", "basic", "example", "middle", "advanced")
    assert p.credential_graph["advanced"] == ("middle", "basic")
    assert p.credential_graph["aardvark"] == ()  # unknown ids left out
    assert p.credential_cycles == () and p.stack_cycles == ()


def test_cycles_are_reported_and_an_order_is_still_produced(make_catalog: MakeCatalog) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                cred("ring-b", "requires: [ring-a]\n"),
                cred("ring-a", "requires: [ring-b]\n"),
                cred("after", "requires: [ring-a]\n"),
                cred("selfish", "requires: [selfish]\n"),
                (STACK, "credentials: [example]\nrequires: [loop]\n"),
                stack("loop", "credentials: [ring-a, ring-b]\nrequires: [example-stack]\n"),
                stack("later", "credentials: [after, selfish]\nrequires: [loop]\n"),
            ]
        ),
    )
    assert p.credential_cycles == (("ring-a", "ring-b"), ("selfish",))
    assert p.stack_cycles == (("example-stack", "loop"),)
    # Every credential once; links off the cycles still hold.
    order = list(p.credential_order)
    assert sorted(order) == ["after", "example", "ring-a", "ring-b", "selfish"]
    assert order.index("ring-a") < order.index("after")
    assert ids(p.stacks) == ["example-stack", "loop", "later"]
    later = p.stack("later")
    assert later is not None and later.requires == ("loop",)


# -- unstacked and duplicates -----------------------------------------------------------------


def test_unstacked_credentials_by_id(make_catalog: MakeCatalog) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                ("credentials/a/zed.yaml", "title: Zed\nid: zed\n"),  # sorts first by path
                cred("apple"),
                cred("stacked"),
                (STACK, "credentials: [stacked]\n"),
                stack("empty", "credentials: []\n"),
            ]
        ),
    )
    assert [c.id for c in p.unstacked] == ["apple", "example", "zed"]
    assert p.stacks_of["apple"] == ()
    assert p.stacks_of["stacked"] == ("example-stack",)
    empty = p.stack("empty")
    assert empty is not None
    assert (empty.members, empty.hours, empty.without_hours) == ((), 0, ())


def test_first_credential_of_an_id_gives_its_requires(make_catalog: MakeCatalog) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                cred("basic"),
                cred("advanced"),
                ("credentials/dup.yaml", "title: Dup\nrequires: [basic]\n"),
                ("credentials/more/dup.yaml", "title: Dup\nid: dup\nrequires: [advanced]\n"),
                (STACK, "credentials: [example, basic, advanced, dup]\n"),
            ]
        ),
    )
    assert p.credential_graph["dup"] == ("basic",)
    assert p.stacks_of["dup"] == ("example-stack",)


def test_one_resolved_stack_per_id(make_catalog: MakeCatalog) -> None:
    p = pathway(
        make_catalog,
        dict(
            [
                cred("other"),
                ("stacks/copy.yaml", "id: example-stack\ncredentials: [other]\n"),
            ]
        ),
    )
    assert ids(p.stacks) == ["example-stack"]
    # The first file by path (stacks/copy.yaml) wins, as in Catalog.stack().
    assert members(p, "example-stack") == ["other"]
    assert p.stacks_of["example"] == ()
    assert [c.id for c in p.unstacked] == ["example"]


def test_every_status_a_stack_can_show_has_one_label() -> None:
    from typing import get_args

    from mcauthor.model import STATUS_LABELS, EffectiveStatus

    assert set(STATUS_LABELS) == set(get_args(EffectiveStatus))
    assert STATUS_LABELS["suspended"] == "Unavailable"
