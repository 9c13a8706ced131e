"""Deterministic synthetic catalogs for benchmarks.

``generate(root, n, seed)`` writes a complete mcauthor catalog under ``root``:
``mcauthor.yaml``, ``n`` credentials in ``credentials/`` and ``n // 5`` stacks in
``stacks/``. Each credential follows the shape of the real catalogs (and of
``src/mcauthor/skeleton/credentials/example.yaml``): 3-5 method components, 2-3 research
entries with DOIs that the key method cites, resources, three evidence parts (overview,
artifacts, reflection) with 1-3 prompts each, 3-5 rubric criteria with a descriptor for
every level of the ``demonstrated`` scale, hours, tags and so on, about 120-200 lines each.

The catalog is meant to be valid: every credential sits in a stack, ``requires`` chains
point only backwards (no cycles), ids and research keys are unique across the catalog,
every evidence part is scored by at least one criterion and no plain value means something
else to YAML 1.1 tools. It is also clean under ``yamllint`` (default rules without
line-length and document-start).

The YAML is written by hand rather than dumped, so that it looks like what people write
(indented block sequences, flow lists for short values, ``|`` blocks for markdown).
Output depends only on ``n`` and ``seed``.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

__all__ = ["STACK_SIZE", "generate"]

STACK_SIZE = 5  # credentials per stack: n credentials make n // 5 stacks

SCHEMA_URL = "https://credentials.example.org/mcauthor/schema"


def _words(text: str) -> list[str]:
    return text.split()


# A small education vocabulary; sentences are built from it with a simple grammar. Nothing
# here may be a YAML 1.1 boolean or null on its own (yes, no, on, off, y, n, null...).
ADJECTIVES = _words(
    """
    authentic analytic annotated collaborative common complex concrete consistent
    critical descriptive diverse effective equitable explicit flexible focused formative
    frequent independent inclusive informal meaningful multiple open-ended peer-reviewed
    personal practical precise public purposeful reflective relevant rigorous shared
    short specific structured student-facing summative targeted timely transparent
    visible weekly written
"""
)

NOUNS = _words(
    """
    anchor approach artifact assessment audience checklist claim classroom coach
    colleague community competency conference criterion curriculum cycle data decision
    descriptor discussion draft evidence exemplar expectation feedback goal group habit
    inquiry lesson model norm observation outcome pattern performance plan portfolio
    practice process product progress project prompt protocol question reasoning record
    reflection revision routine rubric sample scaffold schedule score skill standard
    strategy student task team teacher thinking unit understanding writing
"""
)

VERBS = _words(
    """
    adapt align analyze annotate build calibrate clarify collect compare connect design
    document examine explain facilitate gather guide identify model monitor organize
    plan present record refine review revise score select share structure study support
    track use
"""
)


def third_person(verb: str) -> str:
    if verb.endswith("y"):
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")


def gerund(verb: str) -> str:
    if verb == "plan":
        return "planning"
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    return verb + "ing"


def article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


IMPERATIVES = _words(
    """
    Describe Explain Identify Summarize Analyze Outline Compare Show List Discuss
"""
)

PREPOSITIONS = _words(
    """
    with for during across before after through within about from
"""
)

SUBJECTS = [  # all singular: the verbs are third person singular
    "The educator",
    "The teacher",
    "Each student",
    "The team",
    "The coach",
    "Every group",
    "The school leader",
    "Each colleague",
]

SURNAMES = _words(
    """
    Adams Baker Black Brookhart Brown Carter Chen Clark Davis Dunbar Evans Fisher Garcia
    Gordon Green Hall Harris Hattie Hill Hoover Jackson Johnson Jones Kim King Koretz
    Lee Lewis Linn Lopez Martin Miller Moore Nguyen Parker Patel Penny Perez Roberts
    Robinson Sadler Scott Shepard Smith Stiggins Taylor Thomas Thompson Turner Walker
    White Wiliam Williams Wilson Wright Young
"""
)

JOURNALS = [
    "Educational Researcher",
    "Applied Measurement in Education",
    "Assessment in Education: Principles, Policy & Practice",
    "Educational Research Review",
    "Review of Educational Research",
    "Teaching and Teacher Education",
    "Journal of Teacher Education",
    "American Educational Research Journal",
    "Educational Assessment",
    "Theory Into Practice",
]

RESOURCE_KINDS = ["article", "video", "tool", "template", "book", "website", "other"]
AUDIENCES = [
    "K-12 teachers",
    "Instructional coaches",
    "Department and grade-level team leaders",
    "School leaders",
    "Special educators",
    "Teacher educators",
]
FORMATS = ["text", "document", "video", "audio", "image", "link"]

EVIDENCE_PARTS = (
    ("overview", "Part 1: Overview questions", "overview"),
    ("artifacts", "Part 2: Work examples", "artifact"),
    ("reflection", "Part 3: Reflection", "reflection"),
)

_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Characters that never need quoting in a plain scalar as we use them.
_PLAIN_OK = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.?'()\-–]*[A-Za-z0-9.?)]$")


def q(text: str) -> str:
    """Render a one-line scalar: plain when safe, otherwise double-quoted."""
    if _PLAIN_OK.match(text) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    """A flow sequence; items with flow indicators are quoted."""
    return (
        "[" + ", ".join(json.dumps(i) if re.search(r"[,\[\]{}]", i) else q(i) for i in items) + "]"
    )


def block(text: str, indent: int, width: int = 88) -> list[str]:
    """A ``|`` block scalar body, wrapped, indented by ``indent`` spaces."""
    pad = " " * indent
    lines: list[str] = []
    for para in text.split("\n\n"):
        if lines:
            lines.append("")
        lines.extend(pad + line for line in textwrap.wrap(para, width - indent))
    return lines


class _Text:
    """Sentences, titles and ids from the word lists; all randomness goes through ``rng``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def phrase(self) -> str:
        r = self.rng
        words = [r.choice(NOUNS)]
        if r.random() < 0.6:
            words.insert(0, r.choice(ADJECTIVES))
        return " ".join(words)

    def clause(self, subject: str | None = None) -> str:
        r = self.rng
        verb = third_person(r.choice(VERBS))
        parts = [subject or r.choice(SUBJECTS), verb, "the", self.phrase()]
        for _ in range(r.randint(1, 3)):
            phrase = self.phrase()
            det = r.choice(["the", "each", "a", "every"])
            parts += [r.choice(PREPOSITIONS), article(phrase) if det == "a" else det, phrase]
        return " ".join(parts)

    def sentence(self, subject: str | None = None) -> str:
        text = self.clause(subject)
        if self.rng.random() < 0.3 and subject is None:
            more = self.clause()
            text += ", so " + more[0].lower() + more[1:]
        return text + "."

    def sentences(self, lo: int, hi: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def prompt(self) -> str:
        r = self.rng
        verb = r.choice(IMPERATIVES)
        tail = self.clause()
        tail = tail[0].lower() + tail[1:]
        if r.random() < 0.5:
            return f"{verb} how {tail}."
        obj = " ".join([r.choice(["the", "your"]), self.phrase(), r.choice(PREPOSITIONS)])
        return f"{verb} {obj} {self.phrase()}, then explain how {tail}."

    def title(self, lo: int = 2, hi: int = 5) -> str:
        r = self.rng
        words = [gerund(r.choice(VERBS)).capitalize()]
        words += [w.capitalize() for w in self.phrase().split()]
        while len(words) < r.randint(lo, hi):
            words += [r.choice(PREPOSITIONS), r.choice(NOUNS).capitalize()]
        return " ".join(words)

    def slug(self, words: int) -> str:
        r = self.rng
        out = [gerund(r.choice(VERBS))]
        out += [r.choice(NOUNS) for _ in range(words - 1)]
        return "-".join(out)


def _unique(make: Callable[[], str], seen: set[str], tries: int = 50) -> str:
    """A value from ``make`` not yet in ``seen`` (recorded there); ``-2``, ``-3``... if need be."""
    for _ in range(tries):
        value = make()
        if value not in seen:
            seen.add(value)
            return value
    base = make()
    i = 2
    while f"{base}-{i}" in seen:
        i += 1
    seen.add(f"{base}-{i}")
    return f"{base}-{i}"


def _config(n: int) -> str:
    return f"""\
# yaml-language-server: $schema={SCHEMA_URL}/config.json
catalog:
  id: bench-catalog-{n}
  title: Synthetic Benchmark Catalog ({n} credentials)
  description: |
    A generated catalog for benchmarks. Each micro-credential names one competency, a
    research-backed key method, the evidence you submit and the rubric reviewers use.
  base_url: https://credentials.example.org/bench/
  language: en
  license: CC-BY-4.0
issuer:
  name: Benchmark Issuer
  url: https://example.org
scales:
  demonstrated:
    - {{id: demonstrated, label: Demonstrated, passing: true}}
    - {{id: progressing, label: Progressing}}
    - {{id: not-met, label: Not met}}
build:
  out: site
"""


def _research(t: _Text, keys: set[str], dois: set[str]) -> tuple[str, list[str]]:
    r = t.rng
    authors = r.sample(SURNAMES, r.randint(1, 3))
    year = r.randint(1985, 2023)
    key = _unique(lambda: "-".join(a.lower() for a in authors) + f"-{year}", keys, tries=1)
    doi = _unique(
        lambda: f"10.{r.randint(1000, 99999)}/{r.choice('abcdefghjk')}{r.randint(10**6, 10**9)}",
        dois,
    )
    names = [f"{a}, {r.choice('ABCDEFGHJKLMPRS')}. {r.choice('ABCDEFGHJKLMPRS')}." for a in authors]
    journal = r.choice(JOURNALS)
    vol, issue, page = r.randint(1, 60), r.randint(1, 4), r.randint(1, 400)
    lines = [
        f"  - key: {key}",
        f"    authors: {flow(names)}",
        f"    year: {year}",
        f"    title: {q(t.title(3, 7) + ': ' + t.phrase().capitalize())}",
        f"    source: {q(f'{journal}, {vol}({issue}), {page}–{page + r.randint(8, 30)}')}",
        f"    doi: {doi}",
        "    note: |",
        *block(t.sentences(2, 3), 6),
    ]
    return "\n".join(lines), [key]


def _credential(
    t: _Text,
    cid: str,
    title: str,
    requires: list[str],
    keys: set[str],
    dois: set[str],
) -> str:
    r = t.rng
    competency = t.sentence("The educator")
    # A key method enacts its competency (MC210): it names the competency's last words.
    method = t.sentence("The educator")[:-1] + " to " + " ".join(competency[:-1].split()[-2:]) + "."
    out: list[str] = [
        f"# yaml-language-server: $schema={SCHEMA_URL}/credential.json",
        f"id: {cid}",
        f"title: {q(title)}",
        'version: "1.0.0"',
        "status: published",
        f"summary: {t.sentences(1, 2)}",
        f"competency: {competency}",
        "key_method:",
        f"  statement: {method}",
        "  components:",
    ]
    for _ in range(r.randint(3, 5)):
        out += [f"    - title: {q(t.title(2, 5))}", "      body: |", *block(t.sentences(2, 4), 8)]

    entries, cited = [], []
    for _ in range(r.randint(2, 3)):
        text, k = _research(t, keys, dois)
        entries.append(text)
        cited += k
    out.append("  research:")
    out += [f"    - {k}" for k in cited]
    out.append("research:")
    out += entries

    out.append("resources:")
    for _ in range(r.randint(1, 2)):
        out += [
            f"  - title: {q(t.title(2, 5))}",
            f"    url: https://example.org/resources/{t.slug(3)}",
            f"    kind: {r.choice(RESOURCE_KINDS)}",
            f"    note: {t.sentence()}",
        ]

    out.append("evidence:")
    for eid, etitle, kind in EVIDENCE_PARTS:
        out += [
            f"  - id: {eid}",
            f"    title: {q(etitle)}",
            f"    kind: {kind}",
            "    instructions: |",
            *block(t.sentences(1, 2), 6),
            "    prompts:",
        ]
        for _ in range(r.randint(1, 3)):
            out.append(f"      - text: {q(t.prompt())}")
            if kind != "artifact":
                lo = r.choice([100, 150, 200, 300])
                out.append(f"        words: {{min: {lo}, max: {lo + r.choice([100, 200, 300])}}}")
        if kind == "artifact":
            out.append(f"    formats: {flow(sorted(r.sample(FORMATS, r.randint(2, 3))))}")

    out += ["rubric:", "  scale: demonstrated", "  criteria:"]
    parts = [p[0] for p in EVIDENCE_PARTS]
    scored = parts + [r.choice(parts[1:]) for _ in range(r.randint(0, 2))]
    scored.sort(key=parts.index)
    crit_ids: set[str] = set()
    for eid in scored:
        crit = _unique(lambda: "-".join([*t.phrase().split()[-1:], r.choice(NOUNS)]), crit_ids)
        out += [
            f"    - id: {crit}",
            f"      evidence: {eid}",
            f"      title: {q(t.title(2, 4))}",
            "      descriptors:",
            f"        demonstrated: {t.sentence()}",
            f"        progressing: {t.sentence()}",
            f"        not-met: {t.sentence()}",
        ]
    out.append(
        "  earn: Reach **Demonstrated** on every criterion; you may revise and resubmit any "
        "part scored Progressing or Not met."
    )
    hours = r.randint(5, 15)
    out += [f"hours: {hours}", f"ceu: {hours / 10:g}"]
    if requires:
        out.append(f"requires: {flow(requires)}")
    tags = sorted(set(r.sample(NOUNS, r.randint(2, 4))))
    out.append(f"tags: {flow(tags)}")
    out.append(f"audience: {flow(r.sample(AUDIENCES, r.randint(1, 3)))}")
    code = str(r.randint(1, 10))
    url = "https://ccsso.org/resource-library/intasc-model-core-teaching-standards"
    out += [
        "alignments:",
        f'  - {{name: "InTASC Standard {code}", url: "{url}", framework: InTASC, code: "{code}"}}',
    ]
    return "\n".join(out) + "\n"


def _stack(t: _Text, sid: str, title: str, creds: list[str], requires: list[str]) -> str:
    out = [
        f"# yaml-language-server: $schema={SCHEMA_URL}/stack.json",
        f"id: {sid}",
        f"title: {q(title)}",
        f"summary: {t.sentences(1, 2)}",
        "description: |",
        *block(t.sentences(2, 4), 2),
        "",
        "  Earn the credentials in order; each builds on the one before it.",
        "credentials:",
        *[f"  - {c}" for c in creds],
    ]
    if requires:
        out.append(f"requires: {flow(requires)}")
    return "\n".join(out) + "\n"


def generate(root: Path, n: int, seed: int = 1) -> None:
    """Write a valid catalog with ``n`` credentials and ``max(1, n // 5)`` stacks to ``root``.

    Credentials are split into consecutive stacks of five (the last stack takes any
    remainder). Within a stack each credential requires the previous one; about a third
    of stacks also require the stack before them, with their first credential requiring
    the last credential of that stack. ``root`` is created if needed; existing catalog
    files with the same names are overwritten.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(f"mcauthor-bench:{seed}:{n}")
    t = _Text(rng)
    root = Path(root)
    (root / "credentials").mkdir(parents=True, exist_ok=True)
    (root / "stacks").mkdir(parents=True, exist_ok=True)
    (root / "mcauthor.yaml").write_text(_config(n), encoding="utf-8")

    ids: set[str] = set()
    cred_ids = [_unique(lambda: t.slug(rng.randint(3, 4)), ids) for _ in range(n)]
    n_stacks = max(1, n // STACK_SIZE)
    groups = [
        cred_ids[i * STACK_SIZE : (i + 1) * STACK_SIZE if i < n_stacks - 1 else n]
        for i in range(n_stacks)
    ]
    stack_seen: set[str] = set()
    stack_ids = [_unique(lambda: t.slug(3), stack_seen) for _ in range(n_stacks)]

    keys: set[str] = set()
    dois: set[str] = set()
    for s, (sid, group) in enumerate(zip(stack_ids, groups, strict=True)):
        chained = s > 0 and rng.random() < 0.33
        for i, cid in enumerate(group):
            if i > 0:
                requires = [group[i - 1]]
            elif chained:
                requires = [groups[s - 1][-1]]
            else:
                requires = []
            title = " ".join(w.capitalize() for w in cid.split("-"))
            text = _credential(t, cid, title, requires, keys, dois)
            (root / "credentials" / f"{cid}.yaml").write_text(text, encoding="utf-8")
        title = " ".join(w.capitalize() for w in sid.split("-"))
        text = _stack(t, sid, title, group, [stack_ids[s - 1]] if chained else [])
        (root / "stacks" / f"{sid}.yaml").write_text(text, encoding="utf-8")

    bad = [i for i in (*cred_ids, *stack_ids) if not _ID_RE.match(i)]
    assert not bad, bad
