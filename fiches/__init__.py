"""Case sheets of local actions, validated by their porteur de projet."""
