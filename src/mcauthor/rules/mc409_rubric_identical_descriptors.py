"""MC409 rubric-identical-descriptors: Two levels of a criterion have the same descriptor."""

from __future__ import annotations

from collections.abc import Iterator

from mcauthor.diagnostics import Criterion, Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog, Credential
from mcauthor.rules._util import criterion_name, join_words
from mcauthor.rules.base import CredentialRule, Example
from mcauthor.rules.examples import CRITERION_FEEDBACK, CRITERION_REFLECTION, RUBRIC


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
        f"{CRITERION_FEEDBACK}{CRITERION_REFLECTION}"
    )
    good = Example.credential(RUBRIC)

    def check_credential(self, credential: Credential, catalog: Catalog) -> Iterator[Finding]:
        if credential.rubric is None:
            return
        for criterion in credential.rubric.criteria:
            groups: dict[str, list[str]] = {}
            for level, text in criterion.descriptors.items():
                key = " ".join(text.split()).casefold()
                if key:  # an empty descriptor is not a copy of another
                    groups.setdefault(key, []).append(level)
            name = criterion_name(criterion)
            for levels in groups.values():
                if len(levels) < 2:
                    continue
                yield self.finding(
                    credential.file,
                    (*criterion.at, "descriptors", levels[1]),
                    f"{name} has the same descriptor for the levels {join_words(levels)}",
                    hint=(
                        "Say what work at each level looks like, so that reviewers can tell "
                        "the levels apart."
                    ),
                )
