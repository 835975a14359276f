"""export stage (see DESIGN.md)."""
