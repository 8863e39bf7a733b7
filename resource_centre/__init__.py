"""Shared core of the resource-centre suite: taxonomies, centre settings, blocks, layout, search."""
