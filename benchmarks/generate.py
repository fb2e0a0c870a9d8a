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


_ANY_DIGITS = re.compile(r"\d+")


def variant(text: str, index: int, rng: random.Random, garble: bool = False) -> str:
    """A copy of `text` whose numbers differ, tagged with `index`. Garbled, every digit is
    scrambled, years and days of dates too ('45 Maret 2071'), as a corrupt feed would have it."""
    if garble:
        text = _ANY_DIGITS.sub(lambda m: "".join(str(rng.randint(0, 9)) for _ in m.group(0)), text)
    def perturb(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return digits  # keep years: periods stay realistic
        first = str(rng.randint(1, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])
    return f"{_DIGIT_RUN.sub(perturb, text)}\nref-{index:07d}\n"


def generate(out: Path, n: int, seed: int = 7, garble_every: int = 0) -> list[Path]:
    """Write n articles under out/articles/NNN/ (every `garble_every`-th garbled); returns their paths."""
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        folder = out / "articles" / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{i:07d}.txt"
        garble = bool(garble_every) and i % garble_every == garble_every - 1
        path.write_text(variant(samples[i % len(samples)], i, rng, garble=garble), encoding="utf-8")
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
