"""Demo content drawn from the seed documents, one module per app."""
