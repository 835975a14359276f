"""The command line: parse, call a stage, render. No logic of its own."""
