"""Generate N unique articles from the bundled sample articles, for benchmarks.

Each copy perturbs the digits of the figures (so values and hashes differ) and carries a
unique reference tag; the language, boilerplate and figure density stay those of real news.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "raw" / "articles"
_DIGIT_RUN = re.compile(r"(?<=[\s(])\d+(?=[,.\s%])")


def variant(text: str, index: int, rng: random.Random) -> str:
    """A copy of `text` whose numbers differ, tagged with `index`."""
    def perturb(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return digits  # keep years: periods stay realistic
        first = str(rng.randint(1, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])
    return f"{_DIGIT_RUN.sub(perturb, text)}\nref-{index:07d}\n"


def generate(out: Path, n: int, seed: int = 7) -> list[Path]:
    """Write n articles under out/articles/NNN/; returns their paths."""
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        folder = out / "articles" / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{i:07d}.txt"
        path.write_text(variant(samples[i % len(samples)], i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=2000)
    args = parser.parse_args()
    generate(args.out, args.n)


if __name__ == "__main__":
    main()
