"""The registry of every lint rule, in code order. Codes are stable: a retired rule keeps
its number in ``RETIRED`` and the number is never given to another rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mcauthor.rules.base import CredentialRule, Example, Rule, StackRule


@dataclass(frozen=True)
class Retired:
    """A rule that is gone. Its code and name stay known, so that a suppression, a
    `lint.rules` entry or `--select` that names it is explained, not taken for a typo."""

    name: str
    summary: str  # what it found
    replaced_by: str | None  # the code that reports its case now, if any
    note: str  # why it went, for `mcauthor rules CODE`

    def replacement(self) -> str | None:
        """The rule that replaces it, as ``MC606 (stack-draft-credential)``."""
        if not self.replaced_by:
            return None
        new = by_code().get(self.replaced_by)
        return f"{self.replaced_by} ({new.name})" if new else self.replaced_by

    def explain(self, code: str) -> str:
        """One clause for messages: what became of the rule."""
        new = self.replacement()
        return f"{code} ({self.name}) was retired" + (f"; {new} replaces it" if new else "")


# Retired codes and what they were. Never reuse one.
RETIRED: dict[str, Retired] = {
    "MC604": Retired(
        name="stack-all-drafts",
        summary="A published stack holds only draft credentials.",
        replaced_by="MC606",
        note="MC606 reports every draft credential in a published stack, as an error, "
        "whether or not the stack's other credentials are drafts too.",
    ),
}


def retired(code_or_name: str) -> tuple[str, Retired] | None:
    """The retired rule that a code (any case) or name refers to, with its code."""
    for code, gone in RETIRED.items():
        if code_or_name.upper() == code or code_or_name == gone.name:
            return code, gone
    return None


@cache
def all_rules() -> tuple[type[Rule], ...]:
    # Imported here so that `mcauthor --help` does not pay for importing every rule.
    # -- loading, schema and engine (MC0xx, MC9xx) --------------------------------------
    from mcauthor.rules.mc000_internal_error import InternalError
    from mcauthor.rules.mc001_yaml_syntax import YamlSyntax
    from mcauthor.rules.mc002_duplicate_key import DuplicateKey
    from mcauthor.rules.mc003_invalid_encoding import InvalidEncoding
    from mcauthor.rules.mc004_byte_order_mark import ByteOrderMark
    from mcauthor.rules.mc005_multiple_documents import MultipleDocuments
    from mcauthor.rules.mc006_wrong_root import WrongRoot
    from mcauthor.rules.mc007_alias_bomb import AliasBomb
    from mcauthor.rules.mc008_too_large import TooLarge
    from mcauthor.rules.mc009_unsafe_tag import UnsafeTag
    from mcauthor.rules.mc010_symlink_outside import SymlinkOutside
    from mcauthor.rules.mc011_yaml11_value import Yaml11Value
    from mcauthor.rules.mc012_unreadable_file import UnreadableFile
    from mcauthor.rules.mc050_unknown_key import UnknownKey
    from mcauthor.rules.mc051_wrong_type import WrongType
    from mcauthor.rules.mc052_missing_key import MissingKey
    from mcauthor.rules.mc053_invalid_value import InvalidValue
    from mcauthor.rules.mc054_unknown_rule import UnknownRule
    from mcauthor.rules.mc900_unused_suppression import UnusedSuppression

    # isort: split
    # -- competency (MC1xx) -------------------------------------------------------------
    from mcauthor.rules.mc101_competency_missing import CompetencyMissing
    from mcauthor.rules.mc102_competency_not_single import CompetencyNotSingle
    from mcauthor.rules.mc103_competency_compound import CompetencyCompound
    from mcauthor.rules.mc104_competency_no_actor import CompetencyNoActor
    from mcauthor.rules.mc105_competency_unobservable import CompetencyUnobservable

    # isort: split
    # -- method (MC2xx) -----------------------------------------------------------------
    from mcauthor.rules.mc201_method_without_research import MethodWithoutResearch
    from mcauthor.rules.mc202_method_statement_missing import MethodStatementMissing
    from mcauthor.rules.mc203_method_no_components import MethodNoComponents
    from mcauthor.rules.mc204_research_key_unresolved import ResearchKeyUnresolved
    from mcauthor.rules.mc205_research_incomplete import ResearchIncomplete
    from mcauthor.rules.mc206_research_without_locator import ResearchWithoutLocator
    from mcauthor.rules.mc207_research_bad_locator import ResearchBadLocator
    from mcauthor.rules.mc208_research_uncited import ResearchUncited
    from mcauthor.rules.mc209_research_duplicate_key import ResearchDuplicateKey
    from mcauthor.rules.mc210_method_unrelated import MethodUnrelated

    # isort: split
    # -- evidence (MC3xx) ---------------------------------------------------------------
    # isort: split
    from mcauthor.rules.mc301_evidence_missing import EvidenceMissing
    from mcauthor.rules.mc302_evidence_part_without_prompts import EvidencePartWithoutPrompts
    from mcauthor.rules.mc303_evidence_word_limits import EvidenceWordLimits
    from mcauthor.rules.mc304_evidence_duplicate_part import EvidenceDuplicatePart

    # isort: split
    # -- rubric (MC4xx) -----------------------------------------------------------------
    # isort: split
    from mcauthor.rules.mc401_rubric_missing import RubricMissing
    from mcauthor.rules.mc402_rubric_scale_and_levels import RubricScaleAndLevels
    from mcauthor.rules.mc403_rubric_unknown_scale import RubricUnknownScale
    from mcauthor.rules.mc404_rubric_too_few_levels import RubricTooFewLevels
    from mcauthor.rules.mc405_rubric_passing_levels import RubricPassingLevels
    from mcauthor.rules.mc406_rubric_unknown_evidence import RubricUnknownEvidence
    from mcauthor.rules.mc407_rubric_unscored_evidence import RubricUnscoredEvidence
    from mcauthor.rules.mc408_rubric_descriptor_mismatch import RubricDescriptorMismatch
    from mcauthor.rules.mc409_rubric_identical_descriptors import RubricIdenticalDescriptors
    from mcauthor.rules.mc410_rubric_no_criteria import RubricNoCriteria
    from mcauthor.rules.mc411_rubric_duplicate_id import RubricDuplicateId

    # isort: split
    # -- catalog integrity (MC5xx) ------------------------------------------------------
    # isort: split
    from mcauthor.rules.mc501_id_mismatch import IdMismatch
    from mcauthor.rules.mc502_duplicate_id import DuplicateId
    from mcauthor.rules.mc503_unknown_requires import UnknownRequires
    from mcauthor.rules.mc504_requires_cycle import RequiresCycle
    from mcauthor.rules.mc505_stack_unknown_credential import StackUnknownCredential
    from mcauthor.rules.mc506_stack_duplicate_credential import StackDuplicateCredential
    from mcauthor.rules.mc507_stack_empty import StackEmpty
    from mcauthor.rules.mc508_credential_in_no_stack import CredentialInNoStack
    from mcauthor.rules.mc509_hours_missing import HoursMissing
    from mcauthor.rules.mc510_published_requires_unpublished import PublishedRequiresUnpublished
    from mcauthor.rules.mc511_asset_missing import AssetMissing
    from mcauthor.rules.mc512_asset_outside_catalog import AssetOutsideCatalog
    from mcauthor.rules.mc513_bad_url import BadUrl
    from mcauthor.rules.mc514_placeholder_text import PlaceholderText
    from mcauthor.rules.mc515_asset_private import AssetPrivate

    # isort: split
    # -- stacks (MC6xx) -----------------------------------------------------------------
    from mcauthor.rules.mc601_stack_order_before_requirement import StackOrderBeforeRequirement
    from mcauthor.rules.mc602_stack_single_credential import StackSingleCredential
    from mcauthor.rules.mc603_stack_retired_credential import StackRetiredCredential
    from mcauthor.rules.mc605_stack_identical_membership import StackIdenticalMembership
    from mcauthor.rules.mc606_stack_draft_credential import StackDraftCredential

    rules: list[type[Rule]] = [
        InternalError,
        YamlSyntax,
        DuplicateKey,
        InvalidEncoding,
        ByteOrderMark,
        MultipleDocuments,
        WrongRoot,
        AliasBomb,
        TooLarge,
        UnsafeTag,
        SymlinkOutside,
        Yaml11Value,
        UnreadableFile,
        UnknownKey,
        WrongType,
        MissingKey,
        InvalidValue,
        UnknownRule,
        UnusedSuppression,
        # competency
        CompetencyMissing,
        CompetencyNotSingle,
        CompetencyCompound,
        CompetencyNoActor,
        CompetencyUnobservable,
        # method
        MethodWithoutResearch,
        MethodStatementMissing,
        MethodNoComponents,
        ResearchKeyUnresolved,
        ResearchIncomplete,
        ResearchWithoutLocator,
        ResearchBadLocator,
        ResearchUncited,
        ResearchDuplicateKey,
        MethodUnrelated,
        # evidence
        EvidenceMissing,
        EvidencePartWithoutPrompts,
        EvidenceWordLimits,
        EvidenceDuplicatePart,
        # rubric
        RubricMissing,
        RubricScaleAndLevels,
        RubricUnknownScale,
        RubricTooFewLevels,
        RubricPassingLevels,
        RubricUnknownEvidence,
        RubricUnscoredEvidence,
        RubricDescriptorMismatch,
        RubricIdenticalDescriptors,
        RubricNoCriteria,
        RubricDuplicateId,
        # catalog
        IdMismatch,
        DuplicateId,
        UnknownRequires,
        RequiresCycle,
        StackUnknownCredential,
        StackDuplicateCredential,
        StackEmpty,
        CredentialInNoStack,
        HoursMissing,
        PublishedRequiresUnpublished,
        AssetMissing,
        AssetOutsideCatalog,
        BadUrl,
        PlaceholderText,
        AssetPrivate,
        # stacks
        StackOrderBeforeRequirement,
        StackSingleCredential,
        StackRetiredCredential,
        StackIdenticalMembership,
        StackDraftCredential,
    ]
    return tuple(sorted(rules, key=lambda r: r.code))


@cache
def by_code() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in all_rules()}


__all__ = [
    "RETIRED",
    "CredentialRule",
    "Example",
    "Retired",
    "Rule",
    "StackRule",
    "all_rules",
    "by_code",
    "retired",
]
