"""No 60-character run of a corpus text may appear in tests/: unit tests use sentences written
for them, so that they show a rule generalises instead of replaying the corpus it was tuned on.

Compared on whitespace-collapsed, case-folded text (a sentence re-wrapped over lines is still
the same sentence), and for Python files also on each string literal as Python joins it
(implicit concatenation, escapes). Loading a corpus *file* as a fixture is fine."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
DEV = REPO.parent / "shared" / "corpus" / "dev"
REAL_DEV = REPO / ".real-dev"   # git-ignored, absent in CI
OURS = (REPO / "data" / "own" / "articles", REPO / "data" / "heldout" / "articles")  # written for the project
RUN = 60
_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).casefold()


def _windows(text: str) -> set[int]:
    return {hash(text[i:i + RUN]) for i in range(len(text) - RUN + 1)}


def _corpus_texts() -> list[Path]:
    paths = sorted(DEV.glob("*.txt"))
    paths += sorted(p for p in (DEV / "surveys").iterdir() if p.is_file() and _is_text(p))
    if REAL_DEV.is_dir():
        paths += sorted(REAL_DEV.glob("*.txt"))
    for folder in OURS:
        paths += sorted(folder.glob("*.txt"))
    return paths


def _is_text(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return False  # a workbook: nothing of it can be pasted as text
    return True


def _test_texts(path: Path) -> list[str]:
    """The file as written, and each of its string literals as Python reads it."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    texts = [raw]
    if path.suffix == ".py":
        try:
            tree = ast.parse(raw)
        except SyntaxError:
            return texts
        texts += [node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and len(node.value) >= RUN]
    return texts


def test_no_corpus_text_in_tests() -> None:
    assert DEV.is_dir(), (f"the shared corpus is missing at {DEV}: this check needs ../shared beside "
                          "the repository (as in CI)")
    shingles: dict[int, str] = {}
    for path in _corpus_texts():
        for h in _windows(_normal(path.read_text(encoding="utf-8-sig"))):
            shingles.setdefault(h, path.name)
    assert shingles, f"no corpus text found under {DEV}"

    found: list[str] = []
    for path in sorted(TESTS.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        for text in _test_texts(path):
            norm, i = _normal(text), 0
            while i <= len(norm) - RUN:
                source = shingles.get(hash(norm[i:i + RUN]))
                if source:
                    found.append(f"{path.relative_to(REPO)}: {norm[i:i + RUN]!r} (from {source})")
                    i += RUN  # the next hit, not the same copy again
                else:
                    i += 1
    assert not found, "corpus text copied into tests/ (write a sentence of your own):\n" + "\n".join(
        dict.fromkeys(found))
