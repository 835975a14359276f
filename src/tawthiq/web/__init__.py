"""web stage (see DESIGN.md)."""
