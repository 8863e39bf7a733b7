"""The demo site: a resource centre built only from the suite's apps (not shipped in the wheel)."""
