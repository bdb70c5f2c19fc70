"""No models: the search structures live beside the plan's own tables (see schema.py).

The module exists so that Django sends this app post_migrate, which keeps those structures in place.
"""
