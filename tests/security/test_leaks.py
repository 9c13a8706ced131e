"""Attack class 4: no file outside the catalog, and no private file inside it, reaches
an output.

Before: links under templates/ were followed (page templates, static files, Typst
templates, fonts), and asset paths could name `.git/config` (where a CI checkout keeps an
auth header), `mcauthor.yaml` or anything else in the checkout; those were copied into the
public site. Now every read goes through ``mcauthor.confine``; lint reports each refusal
(MC010 for a link, MC512/MC515 for an asset path) and the build refuses on its own even
with those rules turned off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attacker import SECRET, Victim, attack, files_text, run, victim

from mcauthor.rules.base import CREDENTIAL, Example

RULES_OFF = "lint:\n  rules: {MC010: 'off', MC511: 'off', MC512: 'off', MC515: 'off'}\n"
AUTH = f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n"


def _lint_json(victim: Victim, clone: Path) -> list[dict[str, object]]:
    result = run(victim, clone, "lint", "--format", "json")
    assert result.code in (0, 1), result.output
    assert SECRET not in result.output
    diagnostics: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return diagnostics


def _build_refuses(victim: Victim, clone: Path, *, guides: bool = False) -> None:
    """With the rules on, lint stops the build; with them off, the reader does."""
    out = clone.parent / "out"
    args = ["build", "--out", str(out)] + ([] if guides else ["--no-guides"])
    first = run(victim, clone, *args)
    assert first.code == 1, first.output
    config = clone / "mcauthor.yaml"
    config.write_text(config.read_text("utf-8") + RULES_OFF, "utf-8")
    second = run(victim, clone, *args)
    assert second.code in (1, 2), second.output
    assert SECRET not in second.output
    if out.exists():
        assert SECRET not in files_text(out)
    victim.untouched()


@pytest.mark.parametrize(
    "link",
    [
        "templates/credential.html",
        "templates/static/site.css",
        "templates/partials",  # a linked folder of templates
    ],
)
@pytest.mark.slow
def test_template_links_out_of_the_catalog(attack, victim: Victim, link: str) -> None:
    def setup(root: Path) -> None:
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        target = victim.home / (".ssh" if link.endswith("partials") else "secret.txt")
        path.symlink_to(target)

    clone = attack(setup=setup)
    found = _lint_json(victim, clone)
    assert [(d["code"], d["path"]) for d in found] == [("MC010", link)]
    _build_refuses(victim, clone)


@pytest.mark.slow
@pytest.mark.parametrize(
    "link", ["templates/guide/credential-guide.typ", "templates/guide/fonts/Leak.ttf"]
)
def test_guide_template_and_font_links_out_of_the_catalog(
    attack, victim: Victim, link: str
) -> None:
    def setup(root: Path) -> None:
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(victim.home / ".ssh" / "id_rsa")

    clone = attack(setup=setup)
    assert [(d["code"], d["path"]) for d in _lint_json(victim, clone)] == [("MC010", link)]
    _build_refuses(victim, clone, guides=True)
    guide = run(victim, clone, "guide", "example", "-o", str(clone.parent / "g.pdf"))
    assert guide.code == 2 and "symbolic link" in guide.stderr, guide.output


@pytest.mark.slow
def test_template_link_into_git_is_refused(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        (root / "templates").mkdir()
        (root / "templates" / "home.html").symlink_to("../.git/config")

    clone = attack(setup=setup)
    with (clone / ".git" / "config").open("a", encoding="utf-8") as handle:
        handle.write(AUTH)  # what actions/checkout writes there
    found = _lint_json(victim, clone)
    assert [(d["code"], d["path"]) for d in found] == [("MC010", "templates/home.html")]
    assert ".git/" in str(found[0]["message"])
    _build_refuses(victim, clone)


@pytest.mark.parametrize(
    ("fragment", "raw_links", "code"),
    [
        ("image: .git/config\n", {}, "MC515"),
        ("image: ./.git/config\n", {}, "MC515"),
        ("image: assets/../.git/config\n", {}, "MC515"),
        ("image: mcauthor.yaml\n", {}, "MC515"),
        ("image: assets/badge.png\n", {"assets/badge.png": "../.git/config"}, "MC515"),
        ("image: assets/badge.png\n", {"assets/badge.png": "{home}/secret.txt"}, "MC512"),
        ("image: assets/badge.png\n", {"assets": "{home}"}, "MC512"),
        ("image: assets/environ\n", {"assets/environ": "/proc/self/environ"}, "MC512"),
        ("image: /proc/self/environ\n", {}, "MC512"),
        ("image: ../../home/secret.txt\n", {}, "MC512"),
        ("resources:\n  - title: Notes\n    file: .env\n", {}, "MC515"),
        ("image: site/old.png\n", {}, "MC515"),
    ],
)
@pytest.mark.slow
def test_asset_paths_never_publish_private_files(
    attack, victim: Victim, fragment: str, raw_links: dict[str, str], code: str
) -> None:
    def setup(root: Path) -> None:
        (root / ".env").write_text(f"TOKEN={SECRET}\n", "utf-8")
        (root / "site").mkdir()
        (root / "site" / "old.png").write_bytes(SECRET.encode())
        (root / "site" / ".mcauthor-cache.json").write_text("{}", "utf-8")
        for name, target in raw_links.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.symlink_to(target.format(home=victim.home))

    clone = attack(Example.credential(fragment), setup=setup)
    with (clone / ".git" / "config").open("a", encoding="utf-8") as handle:
        handle.write(AUTH)
    found = _lint_json(victim, clone)
    assert code in {d["code"] for d in found if d["path"] == CREDENTIAL}, found
    _build_refuses(victim, clone)


@pytest.mark.slow
def test_issuer_logo_cannot_be_the_config(attack, victim: Victim) -> None:
    clone = attack(Example(files={"mcauthor.yaml": "issuer:\n  name: X\n  logo: mcauthor.yaml\n"}))
    found = _lint_json(victim, clone)
    assert [(d["code"], d["path"]) for d in found] == [("MC515", "mcauthor.yaml")]
    _build_refuses(victim, clone)


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("credentials/leak.yaml", "{home}/.ssh/id_rsa"),
        ("credentials/leak.yaml", "../.git/config"),
        ("research/leak.yaml", "{home}/secret.txt"),
        ("stacks/linked", "{home}/.ssh"),
    ],
)
@pytest.mark.slow
def test_catalog_file_links_are_never_read(attack, victim: Victim, name: str, target: str) -> None:
    def setup(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target.format(home=victim.home))

    clone = attack(setup=setup)
    with (clone / ".git" / "config").open("a", encoding="utf-8") as handle:
        handle.write(AUTH)
    found = _lint_json(victim, clone)
    assert [(d["code"], d["path"]) for d in found] == [("MC010", name)]


def test_a_config_that_is_a_link_out_of_the_catalog_stops(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        (victim.home / "evil.yaml").write_text((root / "mcauthor.yaml").read_text("utf-8"))
        (root / "mcauthor.yaml").unlink()
        (root / "mcauthor.yaml").symlink_to(victim.home / "evil.yaml")

    clone = attack(setup=setup)
    result = run(victim, clone, "lint")
    assert result.code == 2, result.output
    assert "mcauthor.yaml" in result.stderr and "outside the catalog" in result.stderr


@pytest.mark.parametrize(
    ("name", "target", "include"),
    [
        ("templates/x\\key.html", "{home}/.ssh/id_rsa", "x\\\\key.html"),
        ("templates/x\\git.html", "../.git/config", "x\\\\git.html"),
    ],
)
@pytest.mark.slow
def test_a_backslash_in_a_name_is_no_way_around(
    attack, victim: Victim, name: str, target: str, include: str
) -> None:
    """Linux allows a backslash in a file name; it must not be judged as a folder
    separator and then opened as something else."""

    def setup(root: Path) -> None:
        (root / "templates").mkdir()
        (root / name).symlink_to(target.format(home=victim.home))
        (root / "templates" / "404.html").write_text(
            f'<pre>{{% include "{include}" %}}</pre>', "utf-8"
        )

    clone = attack(setup=setup)
    with (clone / ".git" / "config").open("a", encoding="utf-8") as handle:
        handle.write(AUTH)
    found = _lint_json(victim, clone)
    assert [d["code"] for d in found] == ["MC010"], found
    _build_refuses(victim, clone)


def test_a_yaml_file_with_a_backslash_is_never_read(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        (root / "credentials" / "x\\key.yaml").symlink_to(victim.home / ".ssh" / "id_rsa")

    clone = attack(setup=setup)
    found = _lint_json(victim, clone)
    assert [d["code"] for d in found] == ["MC010"]


@pytest.mark.parametrize("link", ["templates/static/site.js", "templates/static/site.css"])
@pytest.mark.slow
def test_static_files_linked_to_hidden_files_or_the_config(
    attack, victim: Victim, link: str
) -> None:
    def setup(root: Path) -> None:
        (root / ".env").write_text(f"TOKEN={SECRET}\n", "utf-8")
        (root / "templates" / "static").mkdir(parents=True)
        target = "../../.env" if link.endswith(".js") else "../../mcauthor.yaml"
        (root / link).symlink_to(target)

    clone = attack(setup=setup)
    found = _lint_json(victim, clone)
    assert [(d["code"], d["path"]) for d in found] == [("MC010", link)]
    _build_refuses(victim, clone)


@pytest.mark.slow
@pytest.mark.parametrize("linked", ["templates/guide", "templates"])
def test_a_linked_template_folder_cannot_bring_in_outside_files(
    attack, victim: Victim, linked: str
) -> None:
    """The folder is a link inside the catalog; files in what it leads to are links out."""

    def setup(root: Path) -> None:
        own = root / "mine" / ("guide" if linked == "templates" else "")
        own.mkdir(parents=True)
        (own / "credential-guide.typ").write_text(
            'KEY: #raw(read("leak1.typ")) GIT: #raw(read("leak2.typ"))\n', "utf-8"
        )
        (own / "leak1.typ").symlink_to(victim.home / ".ssh" / "id_rsa")
        (own / "leak2.typ").symlink_to(
            Path("../" * len(own.relative_to(root).parts)) / ".git/config"
        )
        (root / linked).parent.mkdir(parents=True, exist_ok=True)
        (root / linked).symlink_to(Path("../" * (len(Path(linked).parts) - 1) or ".") / "mine")

    clone = attack(setup=setup)
    with (clone / ".git" / "config").open("a", encoding="utf-8") as handle:
        handle.write(AUTH)
    found = _lint_json(victim, clone)
    assert {d["code"] for d in found} == {"MC010"}, found
    _build_refuses(victim, clone, guides=True)
    guide = run(victim, clone, "guide", "example", "-o", str(clone.parent / "g.pdf"))
    assert guide.code == 2, guide.output
    assert not (clone.parent / "g.pdf").exists()


@pytest.mark.slow
def test_the_guide_command_never_reads_the_output_folder(attack, victim: Victim) -> None:
    def setup(root: Path) -> None:
        (root / "site").mkdir()
        (root / "site" / "old.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())

    example = Example(
        files={"mcauthor.yaml": "issuer:\n  name: X\n  logo: site/old.png\n" + RULES_OFF}
    )
    clone = attack(example, setup=setup)
    out = clone.parent / "g.pdf"
    result = run(victim, clone, "guide", "example", "-o", str(out))
    assert result.code == 0, result.output
    assert SECRET.encode() not in out.read_bytes()
