"""Read raw input with bounded cost: bodies capped at the size limit, JSON and YAML parsed with no
alias expansion and bounded nesting.

A 30-line YAML of nested anchors (`b: [*a, *a, …]`) expands to billions of values in whatever
walks it, and a document nested thousands deep exhausts the parser's stack. Both are refused
with UnreadableInput, before anything walks the document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import yaml

from prakerja_etl.errors import UnreadableInput, one_line

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def load_yaml(text: str, what: str, max_nesting: int) -> Any:
    """The YAML document in `text`; refused when it uses aliases or nests deeper than allowed."""
    depth = 0
    try:
        # The event stream first: the parser keeps its own stack, so neither an alias nor any
        # depth costs anything until the document is built, which only a checked one is.
        for event in yaml.parse(text, Loader=_YAML_LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise UnreadableInput(f"{what} uses a YAML alias (*{event.anchor}); write the value out "
                                      "instead of referring to an anchor")
            if isinstance(event, _OPEN):
                depth += 1
                if depth > max_nesting:
                    raise UnreadableInput(f"{what} nests lists or mappings more than {max_nesting} deep "
                                          "(PRAKERJA_MAX_NESTING)")
            elif isinstance(event, _CLOSE):
                depth -= 1
        return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader, checked above
    except yaml.YAMLError as exc:
        raise UnreadableInput(f"{what} is not valid YAML: {one_line(exc)}") from exc


def load_json(text: str | bytes, what: str, max_nesting: int) -> Any:
    """The JSON document in `text`; refused when invalid or nested deeper than allowed."""
    try:
        doc = json.loads(text)
    except RecursionError as exc:
        raise UnreadableInput(f"{what} is not valid JSON: nested too deeply") from exc
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"{what} is not UTF-8 text ({one_line(exc)})") from exc
    except json.JSONDecodeError as exc:
        raise UnreadableInput(f"{what} is not valid JSON: {exc.msg} (line {exc.lineno}, column "
                              f"{exc.colno})") from exc
    except ValueError as exc:   # a number too long to convert
        raise UnreadableInput(f"{what} is not valid JSON: {one_line(exc)[:200]}") from exc
    check_nesting(doc, what, max_nesting)
    return doc


def check_nesting(doc: Any, what: str, max_nesting: int) -> None:
    """Refuse a document of lists and mappings nested deeper than `max_nesting` (walked without
    recursion, so any depth is measured safely)."""
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        if depth > max_nesting:
            raise UnreadableInput(f"{what} nests lists or mappings more than {max_nesting} deep "
                                  "(PRAKERJA_MAX_NESTING)")
        stack.extend((child, depth + 1) for child in children)


def read_capped(chunks: Iterable[bytes], limit: int) -> bytes:
    """The chunks joined, read no further than one byte past `limit`: a caller sees a body over
    the limit by its length, without holding more of it."""
    body = bytearray()
    for chunk in chunks:
        body += chunk[:limit + 1 - len(body)]
        if len(body) > limit:
            break
    return bytes(body)
