"""MC409 rubric-identical-descriptors: Two levels of a criterion have the same descriptor."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules.base import CredentialRule, Example


class RubricIdenticalDescriptors(CredentialRule):
    """
    Descriptors are how reviewers tell one level from the next. When two levels of a
    criterion have the same descriptor (often a copy-and-paste left unfinished), a
    reviewer cannot decide between them and educators cannot see what would move their
    work up a level.
    """

    code = "MC409"
    name = "rubric-identical-descriptors"
    severity = Severity.WARNING
    criterion = Criterion.RUBRIC
    summary = "Two levels of a criterion have the same descriptor."
    bad = Example.credential(
        "rubric:\n"
        "  scale: demonstrated\n"
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        demonstrated: The goal and the students are described clearly.\n"
        "        progressing: The goal and the students are described clearly.\n"
        "        not-met: The goal and the students are not described.\n"
        "    - id: feedback-quality\n"
        "      evidence: artifacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        demonstrated: Every sample shows feedback that names a next step.\n"
        "        progressing: Some samples show feedback that names a next step.\n"
        "        not-met: The feedback gives grades or praise only.\n"
        "    - id: reflection-depth\n"
        "      evidence: reflection\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: The reflection uses student work to explain the effect.\n"
        "        progressing: The reflection describes the effect without evidence.\n"
        "        not-met: The reflection does not address the effect of the feedback.\n"
    )
    good = Example.credential(
        "rubric:\n"
        "  scale: demonstrated\n"
        "  criteria:\n"
        "    - id: context\n"
        "      evidence: overview\n"
        "      title: Context and goal\n"
        "      descriptors:\n"
        "        demonstrated: The goal and the students are described clearly.\n"
        "        progressing: The goal or the students are described only in general terms.\n"
        "        not-met: The goal and the students are not described.\n"
        "    - id: feedback-quality\n"
        "      evidence: artifacts\n"
        "      title: Quality of feedback\n"
        "      descriptors:\n"
        "        demonstrated: Every sample shows feedback that names a next step.\n"
        "        progressing: Some samples show feedback that names a next step.\n"
        "        not-met: The feedback gives grades or praise only.\n"
        "    - id: reflection-depth\n"
        "      evidence: reflection\n"
        "      title: Reflection on impact\n"
        "      descriptors:\n"
        "        demonstrated: The reflection uses student work to explain the effect.\n"
        "        progressing: The reflection describes the effect without evidence.\n"
        "        not-met: The reflection does not address the effect of the feedback.\n"
    )

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.rubric is None:
            return
        for criterion in credential.rubric.criteria:
            groups: dict[str, list[str]] = {}
            for level, text in criterion.descriptors.items():
                key = " ".join(text.split()).casefold()
                if key:  # an empty descriptor is not a copy of another
                    groups.setdefault(key, []).append(level)
            name = (
                f"the criterion `{criterion.id}`"
                if criterion.id
                else f"criterion {_number(criterion.at)}"
            )
            for levels in groups.values():
                if len(levels) < 2:
                    continue
                yield self.finding(
                    credential.file,
                    (*criterion.at, "descriptors", levels[1]),
                    f"{name} has the same descriptor for the levels {_and(levels)}",
                    hint=(
                        "Say what work at each level looks like, so that reviewers can tell "
                        "the levels apart."
                    ),
                )


def _and(ids: list[str]) -> str:
    quoted = [f"`{i}`" for i in ids]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _number(at: tuple[str | int, ...]) -> int:
    index = at[-1] if at else 0
    return index + 1 if isinstance(index, int) else 1
