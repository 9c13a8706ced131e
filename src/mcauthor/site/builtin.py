"""The Jinja environment of a catalog without template overrides: only mcauthor's own
templates run in it, so it may take two shortcuts that Jinja's general case cannot.

Most of a page's render is Jinja's fixed cost per value written and per macro called, not
the templates' own logic. Both shortcuts write the same text as Jinja does:

- ``{{ value }}`` of a plain ``str`` is escaped into a plain ``str``: Jinja makes a
  ``Markup`` of it, a second object that is only joined into the page (or into a macro's
  or block's text, which Jinja marks safe itself) and then dropped.
- a macro called with its arguments in order (as every built-in template calls them) goes
  straight to the macro's function, without Jinja's matching of keyword arguments, which
  raises and catches an exception for every argument left to its default.

A catalog with templates of its own never gets this environment: it gets
:class:`~mcauthor.site.bounded.BoundedSandbox`, unchanged. ``tests/test_site_speed_env.py``
checks that both environments write the same pages.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from types import CodeType
from typing import Any

import markupsafe
from jinja2 import Environment, Template
from jinja2.runtime import Context, Macro
from jinja2.utils import missing
from markupsafe import Markup, escape

# MarkupSafe 3's C escape of a str, which its escape() wraps in a Markup. MarkupSafe 2 has
# no such function, and its escape() is the C one.
_escape_str: Callable[[str], str] = getattr(markupsafe, "_escape_inner", escape)


def escaped(value: Any) -> str:
    """The text ``{{ value }}`` writes under autoescape (markupsafe's ``escape``)."""
    kind = type(value)
    if kind is str:
        return _escape_str(value)
    if kind is Markup:  # a macro's or a block's text: safe already, as it is
        return value  # type: ignore[no-any-return]
    return escape(value)


class BuiltinTemplate(Template):
    """A template whose ``{{ ... }}`` write with :func:`escaped`. Jinja's compiled code
    calls ``escape`` only there (``_output_child_pre`` in ``jinja2.compiler``)."""

    @classmethod
    def from_code(
        cls,
        environment: Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        # Every function of a compiled template shares this one module namespace.
        namespace: dict[str, Any] = template.root_render_func.__globals__
        namespace["escape"] = escaped
        return template


def _in_order(macro: Macro, given: int) -> bool:
    """Whether a call of ``macro`` with ``given`` positional arguments and no keyword
    arguments needs nothing of Jinja's argument matching (no ``caller``, no ``*varargs``
    or ``**kwargs``, not too many arguments). A Jinja whose macros keep their function
    and argument count under other names gets its own call, unchanged."""
    count = getattr(macro, "_argument_count", None)
    if not isinstance(count, int) or not callable(getattr(macro, "_func", None)):
        return False
    plain = not (macro.caller or macro.explicit_caller or macro.catch_kwargs)
    return plain and not macro.catch_varargs and given <= count


class BuiltinContext(Context):
    """Calls a macro with its arguments in order directly: the arguments left out are
    ``missing``, which the macro's own code replaces with their defaults, as it does
    when Jinja's ``Macro.__call__`` passes them."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is Macro:
            # Jinja's: these only matter to a callable that takes the context; a macro
            # does not.
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            if not kwargs and _in_order(__obj, len(args)):
                left_out = (missing,) * (__obj._argument_count - len(args))
                try:
                    text = __obj._func(*args, *left_out)
                except StopIteration:  # as Context.call has it
                    return __self.environment.undefined(
                        "value was undefined because a callable raised a StopIteration exception"
                    )
                return Markup(text) if __self.eval_ctx.autoescape else text
        return super().call(__obj, *args, **kwargs)


class BuiltinEnvironment(Environment):
    """The environment when every template is mcauthor's own (see the module's text)."""

    template_class = BuiltinTemplate
    context_class = BuiltinContext
