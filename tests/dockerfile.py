"""The Dockerfile read as Docker reads it: instructions with their continuation lines joined."""

import re
import shlex
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "Dockerfile"


def text() -> str:
    return PATH.read_text()


def instructions() -> list[tuple[str, str]]:
    """(keyword, arguments) in order, comments left out."""
    lines = [line for line in text().splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [
        (keyword.upper(), arguments.strip())
        for keyword, arguments in re.findall(r"^(\w+)\s+(.*)$", joined, re.M)
    ]


def arguments_of(keyword: str) -> list[str]:
    return [arguments for found, arguments in instructions() if found == keyword]


def env() -> dict[str, str]:
    return dict(
        pair.split("=", 1) for arguments in arguments_of("ENV") for pair in shlex.split(arguments)
    )
