"""Which badge image a credential or an awarded stack shows: its own (``image:``, a file
of the catalog copied into the site), else the one the build draws (:mod:`mcauthor.badges`,
``badges/<id>.png``), or none when drawing is turned off (``badges.generate: false``).
Every output asks here, so the site, the guides and the exports show the same image."""

from __future__ import annotations

from mcauthor import paths
from mcauthor.model import Config, Credential, Stack


def drawn(config: Config, own: str | None) -> bool:
    """Whether the build draws the badge of an item whose own image is ``own``: it has
    none, and drawing is on. The one place that decides it."""
    return not own and config.badges.generate


def credential_image(config: Config, credential: Credential) -> str | None:
    """The site path of the credential's badge image, or None."""
    if drawn(config, credential.image):
        return paths.drawn_badge("credential", credential.id, "png")
    return credential.image or None


def stack_image(config: Config, stack: Stack) -> str | None:
    """The site path of an awarded stack's badge image; None for a stack with no award."""
    if stack.award is None:
        return None
    if drawn(config, stack.award.image):
        return paths.drawn_badge("stack", stack.id, "png")
    return stack.award.image or None
