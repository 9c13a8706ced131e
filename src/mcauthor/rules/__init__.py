"""The registry of every lint rule, in code order. Codes are stable: a retired rule keeps
its number in ``RETIRED`` and the number is never given to another rule.
"""

from __future__ import annotations

from functools import cache

from mcauthor.rules.base import CredentialRule, Example, Rule, StackRule

# Retired codes and what they were. Never reuse one.
RETIRED: dict[str, str] = {}


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

    # -- competency (MC1xx) -------------------------------------------------------------
    # -- method (MC2xx) -----------------------------------------------------------------
    # -- evidence (MC3xx) ---------------------------------------------------------------
    # -- rubric (MC4xx) -----------------------------------------------------------------
    # -- catalog integrity (MC5xx) ------------------------------------------------------
    # -- stacks (MC6xx) -----------------------------------------------------------------

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
        # method
        # evidence
        # rubric
        # catalog
        # stacks
    ]
    return tuple(sorted(rules, key=lambda r: r.code))


@cache
def by_code() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in all_rules()}


__all__ = ["CredentialRule", "Example", "Rule", "StackRule", "all_rules", "by_code"]
