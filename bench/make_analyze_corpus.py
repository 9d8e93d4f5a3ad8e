#!/usr/bin/env python3
"""Build the whole-analyze benchmark corpus: 1,000 articles in 100 stories.

Real stories: the 50 BASIL triplets (Fox/NYT/HuffPost, full articles) and the
50 MMDS dev clusters (the catch-all label is left out). Each story is filled
up to 10 articles with derived versions of its own articles, as happens when
many outlets run or rewrite the same wire report: a derived article keeps a
base article's paragraphs in order, drops about a quarter of its sentences,
and carries another outlet name and a date up to two days later. Seeded, so
the corpus is the same on every run.

Usage: make_analyze_corpus.py EVAL_DIR OUT_DIR
Writes OUT_DIR/sNNN-aNN.json ({title, published, outlet, text}).
Standard library only.
"""
import datetime
import glob
import json
import os
import random
import sys

PER_STORY = 10


def basil(eval_dir):
    stories = {}
    for path in sorted(glob.glob(os.path.join(eval_dir, "basil/articles/*/*.json"))):
        with open(path, encoding="utf-8") as f:
            a = json.load(f)
        paras = [" ".join(p) for p in a.get("body-paragraphs") or [] if p]
        stories.setdefault(a["triplet-uuid"], []).append({
            "title": a.get("title") or "",
            "published": (a.get("date") or "")[:10] or None,
            "outlet": a.get("source"),
            "paragraphs": paras,
        })
    return [stories[k] for k in sorted(stories)]


def mmds(eval_dir):
    with open(os.path.join(eval_dir, "mmds2025-clust-mcms/mds_ac_dev_final.json"),
              encoding="utf-8") as f:
        d = json.load(f)
    groups = {}
    for a, label in zip(d["articles"], d["clusters"]):
        groups.setdefault(label, []).append(a)
    biggest = max(groups, key=lambda k: len(groups[k]))  # the catch-all bucket
    out = []
    for label in sorted(groups, key=str):
        if label == biggest:
            continue
        story = []
        for i, a in enumerate(groups[label]):
            sents = [s["content"] for s in a.get("sentences") or []]
            # Paragraphs of three sentences: the data set keeps sentences only.
            paras = [" ".join(sents[j:j + 3]) for j in range(0, len(sents), 3)]
            story.append({
                "title": a.get("title") or "",
                "published": None,
                "outlet": f"mmds-outlet-{i}",
                "paragraphs": paras,
            })
        out.append(story)
    return out


def norm(a):
    return " ".join(" ".join(a["paragraphs"]).lower().split())


def derive(base, k, rng):
    # Sentences of the whole article; one of them (chosen by k) is always
    # dropped so that no two derived versions are the same text.
    split = [[s for s in p.split(". ") if s] for p in base["paragraphs"]]
    total = sum(len(x) for x in split)
    must_drop = k % total if total > 1 else -1
    paras, i = [], 0
    for sents in split:
        kept = []
        for s in sents:
            if i != must_drop and rng.random() > 0.25:
                kept.append(s)
            i += 1
        if kept:
            paras.append(". ".join(kept))
    date = base["published"]
    if date:
        d = datetime.date.fromisoformat(date) + datetime.timedelta(days=rng.randint(0, 2))
        date = d.isoformat()
    return {
        "title": base["title"],
        "published": date,
        "outlet": f"derived-outlet-{k}",
        "paragraphs": paras,
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    eval_dir, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261122)
    stories = basil(eval_dir)[:50] + mmds(eval_dir)[:50]
    n = 0
    for si, story in enumerate(stories):
        arts = list(story[:PER_STORY])
        seen = {norm(a) for a in arts}
        k = 0
        while len(arts) < PER_STORY and k < 50 * PER_STORY:
            d = derive(story[k % len(story)], k // len(story), rng)
            k += 1
            if d["paragraphs"] and norm(d) not in seen:
                seen.add(norm(d))
                arts.append(d)
        for ai, a in enumerate(arts):
            doc = {
                "title": a["title"],
                "published": a["published"],
                "outlet": a["outlet"],
                "text": "\n\n".join(a["paragraphs"]),
            }
            with open(os.path.join(out, f"s{si:03d}-a{ai:02d}.json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
            n += 1
    print(f"{n} articles in {len(stories)} stories written to {out}")


if __name__ == "__main__":
    main()
