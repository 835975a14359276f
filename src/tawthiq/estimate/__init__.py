"""estimate stage (see DESIGN.md)."""
