"""The table of every lint rule, grouped as the codes are (MC0xx ... MC6xx, MC9xx).

:func:`mcauthor.rules.all_rules` imports this module only when the rules are first
needed, so that `mcauthor --help` does not pay for importing every rule.
"""

from __future__ import annotations

from mcauthor.rules.base import Rule
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
from mcauthor.rules.mc101_competency_missing import CompetencyMissing
from mcauthor.rules.mc102_competency_not_single import CompetencyNotSingle
from mcauthor.rules.mc103_competency_compound import CompetencyCompound
from mcauthor.rules.mc104_competency_no_actor import CompetencyNoActor
from mcauthor.rules.mc105_competency_unobservable import CompetencyUnobservable
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
from mcauthor.rules.mc301_evidence_missing import EvidenceMissing
from mcauthor.rules.mc302_evidence_part_without_prompts import EvidencePartWithoutPrompts
from mcauthor.rules.mc303_evidence_word_limits import EvidenceWordLimits
from mcauthor.rules.mc304_evidence_duplicate_part import EvidenceDuplicatePart
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
from mcauthor.rules.mc516_badge_image_missing import BadgeImageMissing
from mcauthor.rules.mc601_stack_order_before_requirement import StackOrderBeforeRequirement
from mcauthor.rules.mc602_stack_single_credential import StackSingleCredential
from mcauthor.rules.mc603_stack_retired_credential import StackRetiredCredential
from mcauthor.rules.mc605_stack_identical_membership import StackIdenticalMembership
from mcauthor.rules.mc606_stack_draft_credential import StackDraftCredential
from mcauthor.rules.mc900_unused_suppression import UnusedSuppression

RULES: tuple[type[Rule], ...] = (
    # loading, schema and engine
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
    BadgeImageMissing,
    # stacks
    StackOrderBeforeRequirement,
    StackSingleCredential,
    StackRetiredCredential,
    StackIdenticalMembership,
    StackDraftCredential,
)
