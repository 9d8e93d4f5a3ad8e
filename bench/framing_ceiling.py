#!/usr/bin/env python3
"""How far word identity carries for BASIL's lexical-bias spans.

The question behind the framing target (lex-F1 >= 0.35): could any word list,
even one learned from the annotators' own marks, reach it on stories it has not
seen? This script learns the best possible word table from BASIL gold itself
and scores it two ways, with the span-overlap metric of score_framing.py:

* in-sample: the table is learned from all triplets and scored on the same
  triplets (memorisation; an upper bound no honest method can claim);
* leave-one-triplet-out: for each triplet, the table is learned from the
  other triplets only (what a word table learned from annotated news could do
  on new stories).

A word form is selected in an article when, over the other articles that use
it, at least a share `t` of those articles had it inside a lexical-bias span,
and it was seen in at least `m` articles. One report per form per article (its
first use), as Parallax does. Words: runs of letters (with inner apostrophes
and hyphens), lower case, minus a short list of function words.

Usage: python3 bench/framing_ceiling.py [--data ../shared/eval/basil]
Standard library only; reads the data, copies none of it.
"""
import argparse
import collections
import glob
import json
import os
import re

FUNCTION = set(
    """a an the and or but if of in on at to for from by with as is are was were be been
    being has have had do does did not no it its this that these those he she they we you
    i his her their our your my him them us me who whom which what when where why how
    than then there here so such will would can could may might shall should must about
    into over after before up down out off also just more most said says say""".split()
)
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|[A-Za-z]")


def load(data):
    """-> list of (triplet, article key, [(form, start, end)], [gold (start, end)])."""
    out = []
    for path in sorted(glob.glob(os.path.join(data, "articles", "*", "*.json"))):
        year = os.path.basename(os.path.dirname(path))
        name = os.path.basename(path)[: -len(".json")]
        ann_path = os.path.join(data, "annotations", year, name + "_ann.json")
        if not os.path.exists(ann_path):
            continue
        with open(path, encoding="utf-8") as f:
            art = json.load(f)
        with open(ann_path, encoding="utf-8") as f:
            ann = json.load(f)
        paras = art["body-paragraphs"]
        if isinstance(paras, str):
            import ast

            paras = ast.literal_eval(paras)
        sentences = [s for p in paras for s in p]
        # One string per article: sentences joined by a space, offsets kept.
        starts, text = [], ""
        for s in sentences:
            starts.append(len(text))
            text += s + " "
        gold = []
        for p in ann.get("phrase-level-annotations") or []:
            pid = p.get("id", "")
            if p.get("bias") != "lex" or not (pid.startswith("p") and pid[1:].isdigit()):
                continue
            i = int(pid[1:])
            if i < len(starts):
                gold.append((starts[i] + int(p["start"]), starts[i] + int(p["end"])))
        words = [
            (m.group().lower().replace("\u2019", "'"), m.start(), m.end())
            for m in WORD.finditer(text)
            if m.group().lower() not in FUNCTION
        ]
        out.append((art["triplet-uuid"], f"{year}/{name}", words, gold))
    return out


def overlaps(a, b):
    return min(a[1], b[1]) > max(a[0], b[0])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "eval", "basil"))
    args = ap.parse_args()
    arts = load(args.data)
    # Per article and form: used, and marked (some use inside a gold span).
    per_art = []
    for trip, key, words, gold in arts:
        first, marked = {}, set()
        for form, s, e in words:
            first.setdefault(form, (s, e))
            if any(overlaps((s, e), g) for g in gold):
                marked.add(form)
        per_art.append((trip, first, marked, gold))
    total = collections.defaultdict(lambda: [0, 0])
    by_trip = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0]))
    for trip, first, marked, _ in per_art:
        for form in first:
            for table in (total[form], by_trip[trip][form]):
                table[0] += 1
                table[1] += form in marked
    n_gold = sum(len(g) for *_, g in per_art)
    print(f"BASIL {args.data}: {len(per_art)} articles, {len(by_trip)} triplets, "
          f"{n_gold} lexical-bias spans")

    def score(m, t, leave_out):
        pred = hit_p = hit_g = 0
        for trip, first, _, gold in per_art:
            spans = []
            for form, span in first.items():
                used, marks = total[form]
                if leave_out:
                    used -= by_trip[trip][form][0]
                    marks -= by_trip[trip][form][1]
                if used >= m and marks / used >= t:
                    spans.append(span)
            pred += len(spans)
            hit_p += sum(1 for s in spans if any(overlaps(s, g) for g in gold))
            hit_g += sum(1 for g in gold if any(overlaps(s, g) for s in spans))
        p = hit_p / pred if pred else 0.0
        r = hit_g / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f, p, r, pred

    for leave_out, label in ((False, "in-sample (memorised)"), (True, "leave-one-triplet-out")):
        best = None
        print(f"\n{label}: F1 (P, R, predicted) by min articles m and min marked share t")
        for m in (1, 2, 3, 5):
            cells = []
            for t in (0.1, 0.2, 0.3, 0.5):
                f, p, r, n = score(m, t, leave_out)
                cells.append(f"t{t}: {f:.3f} ({p:.2f}, {r:.2f}, {n})")
                if best is None or f > best[0]:
                    best = (f, p, r, n, m, t)
            print(f"  m{m}  " + "  ".join(cells))
        f, p, r, n, m, t = best
        print(f"  best: F1 {f:.3f} (P {p:.3f} R {r:.3f}, {n} predicted) at m {m}, t {t}")


if __name__ == "__main__":
    main()
