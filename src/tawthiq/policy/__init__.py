"""policy stage (see DESIGN.md)."""
