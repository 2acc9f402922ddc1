"""HanLP's offline helpers against what zhinvest uses instead, on the seeds (needs the hanlp extra).

    python benchmarks/bench_hanlp_tools.py [--copies 20]

Compares ``hanlp_trie.Trie.parse_longest`` with pyahocorasick's leftmost-longest matching
(zhinvest's gazetteer lookup) and ``hanlp.utils.rules.split_sentence`` with
``zhinvest.components.relations.sentences``: same matches or sentence counts, and chars per
CPU-second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rate(chars: int, run) -> tuple[float, object]:
    start = time.process_time()
    result = run()
    return chars / max(time.process_time() - start, 1e-9), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20, help="the seeds repeated this many times")
    args = parser.parse_args()
    from hanlp.utils.rules import split_sentence
    from hanlp_trie import Trie

    from zhinvest.components._names import longest_matches, name_lexicon
    from zhinvest.components.relations import relation_words, sentences
    from zhinvest.reader import read

    text = "\n".join(read(p).text for p in sorted((ROOT / "seeds").glob("*.txt"))) * args.copies
    lex = name_lexicon()
    trie = Trie({name: name for name in lex.place_names})
    hanlp_rate, hanlp_spans = rate(len(text), lambda: [(s, e) for s, e, _ in trie.parse_longest(text)])
    ours_rate, our_spans = rate(len(text), lambda: [(s, e) for s, e, _ in longest_matches(lex.place_matcher, text)])
    print(f"text: the seeds x{args.copies}, {len(text):,} chars; gazetteer: {len(lex.place_names):,} place names")
    print(f"{'task':<22} {'HanLP':>14} {'zhinvest':>14}  agreement")
    print(f"{'longest dictionary':<22} {hanlp_rate:>10,.0f} c/s {ours_rate:>10,.0f} c/s  same matches: {hanlp_spans == our_spans} ({len(our_spans):,})")
    words = relation_words()
    hanlp_rate, hanlp_sents = rate(len(text), lambda: list(split_sentence(text)))
    ours_rate, our_sents = rate(len(text), lambda: list(sentences(text, words)))
    print(f"{'sentence splitting':<22} {hanlp_rate:>10,.0f} c/s {ours_rate:>10,.0f} c/s  sentences: HanLP {len(hanlp_sents):,}, zhinvest {len(our_sents):,}")


if __name__ == "__main__":
    main()
