"""mcauthor: lint, build and publish educator micro-credential catalogs."""

__version__ = "0.1.0"
