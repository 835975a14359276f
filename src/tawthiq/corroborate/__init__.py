"""corroborate stage (see DESIGN.md)."""
