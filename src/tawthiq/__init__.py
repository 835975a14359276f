"""Tawthiq (توثيق): reports from a war into a defensible record of harm to civilians.

Stages, one package each (see ../shared/DESIGN.md): ingest → extract → corroborate;
people → estimate; evidence, policy and export; store is the only one that touches the
database; cli and web are thin layers over the stages.
"""

__version__ = "0.1.0"
