"""transition: a toolkit for the move to two-tier local government in Vietnam (2025).

Stages, each a function of frames to new frames: sources -> model (registers + crosswalk) -> checks
-> reassignments -> documents. See ``README.md`` and ``mappings/README.md``.
"""

__version__ = "0.1.0"
