"""MC513 bad-url: A web address outside research is not an absolute http(s) address."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcauthor.diagnostics import Severity
from mcauthor.findings import Finding
from mcauthor.model import Catalog
from mcauthor.placeholders import is_placeholder
from mcauthor.rules._text import quote
from mcauthor.rules._util import url_problem
from mcauthor.rules.base import Example, FileRule
from mcauthor.yamlread import YamlPath

_EMAIL = re.compile(r"[^@\s<>\"',;:]+@[^@\s<>\"',;:]+\.[^@\s<>\"',;:.]+")
_HINT = "Write the full web address, starting with `https://`, with no spaces."


class BadUrl(FileRule):
    """
    The site, the guides and the badge data turn these addresses into links: a typo
    makes a dead link, and an address such as `javascript:...` or `data:...` must never
    become a link at all. Checked: `catalog.base_url`, the issuer's `url` and `email`, and
    each credential's resource `url`s and alignment `url`s. (Research addresses are
    checked by MC207.)
    """

    code = "MC513"
    name = "bad-url"
    severity = Severity.ERROR
    summary = "A resource, alignment, issuer or catalog address is not a valid web address."
    bad = Example.credential(
        "resources:\n  - title: Feedback toolkit\n    url: javascript:alert(1)\n    kind: tool\n"
    )
    good = Example.credential(
        "resources:\n"
        "  - title: Feedback toolkit\n"
        "    url: https://example.org/feedback-toolkit\n"
        "    kind: tool\n"
    )

    def check_file(self, file: str, catalog: Catalog) -> Iterator[Finding]:
        config = catalog.config
        checks: list[tuple[YamlPath, str | None, str]] = []
        if file == config.file:
            checks.append((("catalog", "base_url"), config.base_url, "the catalog's `base_url`"))
            checks.append((("issuer", "url"), config.issuer.url, "the issuer's `url`"))
        credential = catalog.credential_in(file)
        if credential is not None:
            for resource in credential.resources:
                name = f"the resource `{quote(resource.title, 40)}`"
                checks.append(((*resource.at, "url"), resource.url, name))
            for i, alignment in enumerate(credential.alignments):
                name = f"the alignment `{quote(alignment.name, 40)}`"
                checks.append((("alignments", i, "url"), alignment.url, name))
        for at, value, name in checks:
            if value is None or is_placeholder(value):
                continue  # a placeholder address is MC514's
            problem = url_problem(value)
            if problem is not None:
                message = f"the address `{quote(value, 60)}` of {name} {problem}"
                yield self.finding(file, at, message, hint=_HINT, value=True)
        email = config.issuer.email
        if file == config.file and email is not None and not _EMAIL.fullmatch(email.strip()):
            yield self.finding(
                config.file,
                ("issuer", "email"),
                f"`{quote(email, 60)}` is not an email address",
                hint="Write it like `info@example.org`, without `mailto:`.",
                value=True,
            )
