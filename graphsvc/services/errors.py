"""Errors of access: who may do what."""

from __future__ import annotations


class Unauthenticated(Exception):
    """No principal: a missing, malformed, expired or wrongly signed token."""


class Forbidden(Exception):
    """The principal is known but may not do this."""
