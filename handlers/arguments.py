"""Reading the arguments of a command."""

from __future__ import annotations

import re

from handlers import wording
from handlers.errors import UserError


def number_argument(args: str, example: str) -> int:
    """The number a command starts with ("12" or "#12"); a UserError showing `example` when there is none."""
    match = re.match(r"^#?(\d+)\b", args.strip())
    if match is None:
        raise UserError(wording.NEED_NUMBER.format(example=example))
    return int(match.group(1))
