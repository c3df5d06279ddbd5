"""Typed rule profiles: each file of ``mappings/`` loads into a frozen object (see :mod:`.base`)."""

from .base import Profile, as_profile, load_profile, parse_profile

__all__ = ["Profile", "as_profile", "load_profile", "parse_profile"]
