"""evidence stage (see DESIGN.md)."""
