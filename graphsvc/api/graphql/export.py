"""Write the schema's SDL to the top-level schema.graphql (``make schema``)."""

from __future__ import annotations

import sys
from pathlib import Path

from .schema import sdl


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("schema.graphql")
    target.write_text(sdl(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
