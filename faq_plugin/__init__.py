"""The FAQ site's MkDocs plugin (`- faq:` in mkdocs.yml): see plugin.py."""
