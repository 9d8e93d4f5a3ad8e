#!/usr/bin/env python3
"""Write the background document-frequency table of the story clusterer.

`crates/relate/src/cluster/background_df.txt` holds, for each term that
occurs in at least `--min-df` documents of a training collection, the number
of documents it occurs in. The clusterer blends these counts with the
document frequencies of its own run (see docs/clustering.md), so that a run
of three articles still knows which of the words they share are common.

Terms are built the way `crates/relate/src/cluster.rs` builds them (lower
case, the same stopword list read from that file, possessive and edge
punctuation trimmed, dots removed, light plural folding, numbers of two or
more characters with thousands separators removed). The tokenizer here is a
regular-expression approximation of `parallax_text::tokens`; a term it
spells differently simply has no background count.

Training documents (read at run time, never copied):
  - NeuS/AllSides train.source: each line is three articles split by " [SEP] "
    (the "TITLE=> ... ARTICLE=> ..." markers are dropped);
  - POLNEAR train/text: one article per file.

Output: a header line `#docs <N>`, then `<term>\t<df>` lines sorted by term.

Usage: .venv/bin/python bench/background_df.py [--eval /work/shared/eval]
"""

import argparse
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CLUSTER_RS = os.path.join(ROOT, "crates/relate/src/cluster.rs")
OUT = os.path.join(ROOT, "crates/relate/src/cluster/background_df.txt")

TOKEN = re.compile(r"#?\w+(?:[-'\u2019.,]\w+)*['\u2019]?\.?", re.UNICODE)
NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")


def stopwords():
    src = open(CLUSTER_RS, encoding="utf-8").read()
    m = re.search(r"const STOPWORDS: &\[&str\] = &\[(.*?)\];", src, re.S)
    if not m:
        sys.exit("STOPWORDS not found in cluster.rs")
    return set(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))


def fold_plural(w):
    n = len(w.encode("utf-8"))
    if n > 4 and w.isascii():
        if w.endswith("ies"):
            return w[:-3] + "y"
        if w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return w[:-1]
    return w


def terms(text, stop):
    out = set()
    for m in TOKEN.finditer(text):
        raw = m.group(0)
        if raw.endswith(".") and raw.count(".") == 1:
            raw = raw[:-1]
        if NUMBER.match(raw):
            n = raw.replace(",", "")
            if len(n) >= 2:
                out.add(n)
            continue
        if "," in raw:
            # A comma inside a word token: the Rust tokenizer splits there.
            for part in raw.split(","):
                out |= terms(part, stop)
            continue
        w = raw.lstrip("#").lower()
        for suffix in ("'s", "\u2019s", "'", "\u2019"):
            if w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        w = re.sub(r"^[^\w]+|[^\w]+$", "", w).replace("_", "").replace(".", "")
        if len(w) < 2 or (w.isascii() and w.isdigit()) or w in stop:
            continue
        out.add(fold_plural(w))
    return out


def documents(eval_dir):
    src = os.path.join(eval_dir, "neus-allsides/train.source")
    with open(src, encoding="utf-8") as f:
        for line in f:
            for part in line.rstrip("\n").split(" [SEP] "):
                part = part.replace("TITLE=>", " ").replace("ARTICLE=>", " ")
                if part.strip():
                    yield part
    pol = os.path.join(eval_dir, "polnear/train/text")
    for name in sorted(os.listdir(pol)):
        with open(os.path.join(pol, name), encoding="utf-8", errors="replace") as f:
            yield f.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", default="/work/shared/eval")
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    stop = stopwords()
    df = Counter()
    n = 0
    for doc in documents(a.eval):
        n += 1
        df.update(terms(doc, stop))
    kept = sorted((t, c) for t, c in df.items() if c >= a.min_df and "\t" not in t)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(f"#docs {n}\n")
        for t, c in kept:
            f.write(f"{t}\t{c}\n")
    print(f"{n} documents, {len(kept)} terms with df >= {a.min_df} -> {a.out}")


if __name__ == "__main__":
    main()
