"""Directory of structures and people."""
