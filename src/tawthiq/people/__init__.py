"""people stage (see DESIGN.md)."""
