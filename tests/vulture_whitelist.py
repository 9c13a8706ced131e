"""Names vulture takes for dead code that are not: a framework or a protocol calls them,
a template reads them, or the tests and scripts use them (tests/test_architecture.py).

Each line names the attribute as vulture reports it; ``_`` stands for any object.
"""

# ruff: noqa: B018, F821

# typer calls the app's callback; click the help methods (mcauthor.clihelp)
main_options  # cli.py
_.display_type_rich  # clihelp.py
_._rich_display_name  # clihelp.py
_._usage_display_name  # clihelp.py
_.__class__  # clihelp.py: the help group swaps an option's class

# markdown-it's link check, set on the parser (markdown.py, export/md.py)
_.validateLink

# the standard library calls these with its own signatures
tb  # files.py: __exit__(type, value, tb)
trace  # serve/preview.py: __exit__
daemon_threads  # serve/server.py: socketserver settings
allow_reuse_port
address_family
_.server_name
_.server_port
_.handle_error  # serve/server.py: socketserver and http.server hooks
client_address
request
_.log_message
format
change  # serve/watch.py: watchfiles' filter(change, path)
_.get_source  # site/templates.py: Jinja's loader protocol
intercepted_binops  # site/bounded.py: Jinja's sandbox setting
__self  # site/bounded.py: the sandbox's call(__self, ...) signature
_.caption_justify  # stacks_report.py: a rich Table setting

# --limit names, read by name (limits.Limits.budget: getattr(self, f"{what}_seconds"))
page_memory_mb
guide_seconds
guide_memory_mb

# view fields that only templates read (templates/*.html)
stack_titles  # macros.html
stack_hrefs  # macros.html
shared_image  # credential.html
award_image  # stack.html
statuses  # home.html
catalog_data  # home.html

# used by the tests and scripts/rules-doc (a script without .py, which vulture skips)
documented_kinds  # formatdocs.py: tests/test_format_docs.py
undescribed  # formatdocs.py: tests/test_format_docs.py
between  # formatdocs.py: scripts/rules-doc, tests/test_new_export_format.py
materialize  # rules/examples.py: tests (an example as a catalog on disk)
_.build_number  # serve/preview.py: tests/test_serve.py
_.last_result  # serve/preview.py: tests/test_serve.py
_.tempdir  # pdf/render.py: the tempfile module's setting, read by tempfile itself
_.Count  # pdf/join.py: a PDF dictionary's key, set as a pikepdf attribute
_.First  # pdf/join.py: a PDF dictionary's key, set as a pikepdf attribute
_.Last  # pdf/join.py: a PDF dictionary's key, set as a pikepdf attribute
_.Next  # pdf/join.py: a PDF dictionary's key, set as a pikepdf attribute
_.P  # pdf/join.py: a PDF dictionary's key, set as a pikepdf attribute
_.Parent  # pdf/join.py: a PDF dictionary's key, set as a pikepdf attribute
_.Prev  # pdf/join.py: a PDF dictionary's key, set as a pikepdf attribute
_.S  # pdf/join.py: a PDF dictionary's key, set as a pikepdf attribute
template_class  # site/builtin.py: Jinja environment settings
context_class  # site/builtin.py
