"""Text helpers shared by the rules: short quotes for messages, and the sentence and
word helpers of the language layer (:mod:`mcauthor.language.tokens`), which every text rule
reads statements with."""

from __future__ import annotations

from mcauthor.language.tokens import Token, sentence_spans, split_sentences, tokens

__all__ = ["Token", "has_words", "quote", "sentence_spans", "split_sentences", "tokens"]


def has_words(text: str | None) -> bool:
    return bool(text and text.strip())


def quote(text: str, limit: int = 40) -> str:
    """Text shortened for a message, without line breaks."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
