"""The nurses' web page: the static page at /, and a development sign-in."""

from .routes import routes

__all__ = ["routes"]
