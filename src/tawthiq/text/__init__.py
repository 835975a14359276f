"""Text helpers shared by the stages, one module per subject (``text/arabic.py``).

In: strings. Out: normalised strings and script measures. Never: I/O, or a stage's rules.
"""
