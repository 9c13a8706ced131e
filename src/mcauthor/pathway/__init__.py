"""The pathway picture: a catalog's stacks and credentials as one standalone SVG.

:mod:`.text` measures and wraps text, :mod:`.layout` turns a pathway into positions and
sizes (pure data), :mod:`.captions` words the tooltips and description, and :mod:`.svg`
draws a layout as SVG text (:func:`mcauthor.pathway.svg.render` is the entry point).
"""
