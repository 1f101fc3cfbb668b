"""Every answer of the engine on a kept benchmark corpus, to show that a change leaves them alone.

Writes, for ~850 queries (each domain word whole, finished, as prefixes and with seeded typos; pairs and triples
of them; the benchmark's queries; some with 5 facets and 2 filters, a sort, a page 3, a preferred language), the
hits (id, score as ``repr``, highlights), the total and the facet counts as JSON; ``--compare`` says which answers
of two such files differ, and how.

Usage: .venv/bin/python bench/answers.py --work /tmp/work/100000 --out before.json   (then after the change)
       .venv/bin/python bench/answers.py --compare before.json after.json
The corpus is one ``bench/run.py --work`` kept.
"""

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.search.base import FilterField, SearchQuery, SortOrder  # noqa: E402
from app.search.factory import make_search_engine  # noqa: E402
from app.taxonomy import load_taxonomies  # noqa: E402
from bench.queries import FACET_FILTERS, FACETS, QUERIES  # noqa: E402
from bench.run import WORDS_EN, WORDS_FR  # noqa: E402

NAMED = ["Pakistan", "cocoa ivory coast", "IN", "travail des enfants", "child labour", "côte d'ivoire", ""]
FALLBACK = ["briques Pakistan Groenland Atlantide", "zzzqqq", "recrutement équitable"]


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one edit past its first letter: two letters swapped, one dropped or one replaced."""
    if len(word) < 5:
        return word
    letters = list(word)
    position = rng.randrange(1, len(letters) - 1)
    edit = rng.randrange(3)
    if edit == 0:
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    elif edit == 1:
        del letters[position]
    else:
        letters[position] = rng.choice("aeioustr")
    return "".join(letters)


def queries() -> list[SearchQuery]:
    rng = random.Random(15)
    words = WORDS_FR + WORDS_EN
    texts: list[str] = []
    for word in words:
        texts += [word, word + " ", word[:3], word[:5], typo(word, rng), typo(word, rng) + " "]
    texts += [" ".join(rng.sample(words, 2)) + rng.choice(["", " "]) for _ in range(150)]
    texts += [" ".join(rng.sample(words, 3)) for _ in range(60)]
    texts += [q for kind in QUERIES.values() for q in kind] + NAMED + FALLBACK
    found = [SearchQuery(q=q, per_page=20) for q in texts]
    found += [SearchQuery(q=q, per_page=20, facets=FACETS, filters=FACET_FILTERS) for q in texts[::5]]
    for q in texts[::17]:
        found.append(SearchQuery(q=q, page=3, sort=SortOrder.published_desc, prefer_language="fr"))
        countries = {FilterField.country: ("PK", "IN")}
        found.append(SearchQuery(q=q, prefer_language="en", facets=(FilterField.country,), filters=countries))
    return found


def answers(work: Path) -> list[dict[str, Any]]:
    settings = Settings(
        database_url=f"sqlite:///{work / 'crv.db'}",
        index_dir=work / "index",
        content_dir=ROOT / "content",
        sync_in_process=False,
        search_cache_size=0,
    )
    engine = make_search_engine(settings, load_taxonomies(settings.content_dir))
    out = []
    for query in queries():
        result = engine.search(query)
        out.append(
            {
                "query": repr(query),
                "total": result.total,
                "facets": {facet.value: counts for facet, counts in result.facets.items()},
                "hits": [[hit.document.id, repr(hit.score), hit.highlights] for hit in result.hits],
            }
        )
    engine.close()
    return out


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> int:
    if [a["query"] for a in before] != [a["query"] for a in after]:
        sys.exit("the two files answer different queries")
    differing = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    for a, b in differing:
        what = [key for key in ("total", "facets", "hits") if a[key] != b[key]]
        print(f"{a['query']}: {', '.join(what)} differ")
    print(f"{len(differing)} of {len(before)} answers differ")
    return len(differing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, help="a kept corpus (bench/run.py --work DIR: DIR/<size>)")
    parser.add_argument("--out", type=Path, help="where to write the answers")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(path.read_text()) for path in args.compare)
        sys.exit(1 if compare(before, after) else 0)
    if not (args.work and args.out):
        parser.error("--work and --out, or --compare")
    args.out.write_text(json.dumps(answers(args.work), ensure_ascii=False))


if __name__ == "__main__":
    main()
