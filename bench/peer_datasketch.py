#!/usr/bin/env python3
"""Peer for `parallax-bench reuse lsh`: datasketch's MinHash + MinHashLSH on the same documents.

Usage: peer_datasketch.py OUT_DIR [--threshold T] [--num-perm N] [--shingle K] [--rounds R]
Reads OUT_DIR/docs.jsonl and OUT_DIR/truth.tsv written by `parallax-bench reuse make`.
Same shingling as Parallax's step: runs of K lower-cased words, words being maximal runs of
alphanumeric characters or `_`. Timed (best of R rounds, one process, one thread): shingling,
MinHash signatures (`update_batch`), `MinHashLSH(threshold, num_perm)` insert of every document,
then a query per document. Candidates are then kept when `MinHash.jaccard` >= T (the same
verification the Parallax step does), and both are scored against the exact-Jaccard truth.
Prints the same lines as the Rust command, prefixed `datasketch`.
"""
import argparse
import json
import os
import re
import time

from datasketch import MinHash, MinHashLSH
import datasketch



def shingles(text, k):
    words = [w for w in re.split(r"[^\w]+", text.lower()) if w]
    if not words:
        return set()
    k = min(k, len(words))
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def prf(found, gold):
    tp = len(found & gold)
    p = tp / len(found) if found else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--shingle", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    texts = []
    with open(os.path.join(a.dir, "docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
    truth = []
    with open(os.path.join(a.dir, "truth.tsv"), encoding="utf-8") as f:
        for line in f:
            i, j, jac, kind = line.rstrip("\n").split("\t")
            truth.append((int(i), int(j), float(jac), kind))
    best = float("inf")
    for _ in range(max(1, a.rounds)):
        t = time.perf_counter()
        sigs = []
        for x in texts:
            m = MinHash(num_perm=a.num_perm)
            m.update_batch([s.encode("utf-8") for s in shingles(x, a.shingle)])
            sigs.append(m)
        lsh = MinHashLSH(threshold=a.threshold, num_perm=a.num_perm)
        for i, m in enumerate(sigs):
            lsh.insert(i, m)
        pairs = set()
        for i, m in enumerate(sigs):
            for j in lsh.query(m):
                if j > i:
                    pairs.add((i, j))
        best = min(best, time.perf_counter() - t)
    verified = {(i, j) for (i, j) in pairs if sigs[i].jaccard(sigs[j]) >= a.threshold}
    gold = {(i, j) for (i, j, jac, _) in truth if jac >= a.threshold}
    cp, cr, cf = prf(pairs, gold)
    vp, vr, vf = prf(verified, gold)
    n = len(texts)
    print(f"datasketch near-duplicates (datasketch {datasketch.__version__}, MinHash {a.num_perm} perms, "
          f"LSH b={lsh.b} r={lsh.r}): {n} docs, best of {a.rounds} rounds {best:.3f}s = {n / best:.1f} docs/s "
          f"(shingle + sign + index + query, one thread)")
    print(f"datasketch candidates {len(pairs)}: P {cp:.3f} R {cr:.3f} F1 {cf:.3f} | verified (est. Jaccard >= "
          f"{a.threshold}) {len(verified)}: P {vp:.3f} R {vr:.3f} F1 {vf:.3f}")
    per = ""
    for kind in ("copy", "edit", "truncation"):
        fam = [t for t in truth if t[3] == kind]
        hit = sum(1 for t in fam if (t[0], t[1]) in verified)
        per += f" {kind} {hit}/{len(fam)}"
    print(f"datasketch derived pairs found (verified):{per}")
    with open(os.path.join(a.dir, "pairs-datasketch.tsv"), "w", encoding="utf-8") as f:
        for i, j in sorted(verified):
            f.write(f"{i}\t{j}\n")


if __name__ == "__main__":
    main()
