#!/usr/bin/env python3
"""Build the `parallax add` benchmark corpus from the real evaluation datasets.

Every dataset under EVAL_DIR that holds whole (or nearly whole) article texts
becomes one JSONL file in OUT_DIR (split into parts of at most 8 MiB, under
`parallax add`'s default --max-size), one record per article:
{"title", "text" | "html", "url", "outlet", "published"} (a field is left out
when the dataset does not know it). The texts are read at run time and never
copied into the project.

  basil        BASIL 2010-14 articles (Fox / NYT / HuffPost), paragraphs kept
  mmds         MMDS2025 Clust-McMs dev articles (sentences, three per paragraph)
  polnear      PolNeAR train + dev texts, with publisher/date/title/author metadata
  semeval      SemEval-2022 T8 HFL sample: each distinct (id, text), multilingual
  neus         NeuS/AllSides val: three outlet excerpts per story
  cdcr         ECB+ val and NewsWCL50 train+val, texts rebuilt from CoNLL tokens
  tempeval     TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT), TimeML tags removed
  extraction   article-extraction: raw HTML pages (gzip) with their URL

Order is fixed (sorted file names, file order of rows), so the corpus is the
same on every run. Prints the count per dataset and the total.

Usage: make_add_corpus.py EVAL_DIR OUT_DIR
Standard library only.
"""
import csv
import glob
import gzip
import html
import json
import os
import re
import sys


def clean(rec):
    return {k: v for k, v in rec.items() if v not in (None, "", [])}


def basil(ev):
    for path in sorted(glob.glob(os.path.join(ev, "basil/articles/*/*.json"))):
        with open(path, encoding="utf-8") as f:
            a = json.load(f)
        paras = [" ".join(p) for p in a.get("body-paragraphs") or [] if p]
        yield {
            "title": a.get("title"),
            "text": "\n\n".join(paras),
            "url": a.get("url"),
            "outlet": a.get("source"),
            "published": (a.get("date") or "")[:10] or None,
        }


def mmds(ev):
    with open(os.path.join(ev, "mmds2025-clust-mcms/mds_ac_dev_final.json"), encoding="utf-8") as f:
        d = json.load(f)
    for a in d["articles"]:
        sents = [s.get("content", "") for s in a.get("sentences") or []]
        paras = [" ".join(sents[j:j + 3]) for j in range(0, len(sents), 3)]
        yield {"title": a.get("title"), "text": "\n\n".join(paras)}


def polnear(ev):
    meta = {}
    with open(os.path.join(ev, "polnear/metadata.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[(row["compartment"], row["filename"])] = row
    for part in ("train", "dev"):
        for path in sorted(glob.glob(os.path.join(ev, "polnear", part, "text/*.txt"))):
            name = os.path.basename(path)[:-4]
            m = meta.get((part, name), {})
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            author = m.get("author")
            yield {
                "title": m.get("title"),
                "text": text,
                "outlet": m.get("publisher") or name.split("_")[0],
                "published": m.get("publication_date") or None,
                "byline": [author] if author and author != "None" else None,
            }


def semeval(ev):
    csv.field_size_limit(1 << 30)
    seen = set()
    rows = []
    with open(os.path.join(ev, "semeval2022-task8-hfl-sample/training_set.csv"),
              encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            ids = row["pair_id"].split("_")
            if len(ids) != 2:
                continue
            for i, side in ((ids[0], "text1"), (ids[1], "text2")):
                text = row.get(side) or ""
                if text.strip() and (i, text) not in seen:
                    seen.add((i, text))
                    rows.append((i, text))
    for i, text in sorted(rows):
        # HFL runs title and body together, separated by two spaces.
        head, sep, body = text.partition("  ")
        if sep and 0 < len(head) <= 300 and body.strip():
            yield {"title": head.strip(), "text": body.strip()}
        else:
            yield {"text": text.strip()}


def neus(ev):
    with open(os.path.join(ev, "neus-allsides/val.source"), encoding="utf-8") as f:
        for line in f:
            for part in line.rstrip("\n").split(" [SEP] "):
                m = re.match(r"\s*TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)$", part, re.S)
                if m and m.group(2).strip():
                    yield {"title": m.group(1).rstrip(". ") or None, "text": m.group(2).strip()}


DETOK = [
    (re.compile(r" ([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"`` ?| ?''"), '"'),
]


def detok(tokens):
    s = " ".join(tokens)
    for pat, rep in DETOK:
        s = pat.sub(rep, s)
    return s


def cdcr(ev):
    for part in ("ecbplus-val", "newswcl50-train", "newswcl50-val"):
        docs = {}
        order = []
        with open(os.path.join(ev, "cdcr-news", part, "dataset.conll"), encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4 or line.startswith("#"):
                    continue
                key, sid, tid, tok = cols[0], cols[1], cols[2], cols[3]
                if key not in docs:
                    docs[key] = {}
                    order.append(key)
                # Some ECB+ documents repeat every sentence: keep one copy per (sent, tok).
                docs[key].setdefault(int(sid), {}).setdefault(int(tid), tok)
        for key in sorted(order):
            sents = [detok([t for _, t in sorted(toks.items())])
                     for _, toks in sorted(docs[key].items())]
            if not sents:
                continue
            # The first sentence of these documents is the headline.
            yield {"title": sents[0], "text": "\n\n".join(sents[1:]) or sents[0]}


TAG = re.compile(r"<[^>]+>")


def tempeval(ev):
    for path in sorted(glob.glob(os.path.join(ev, "tempeval3/TBAQ-cleaned/*/*.tml"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            x = f.read()
        body = re.search(r"<TEXT>(.*)</TEXT>", x, re.S)
        if not body:
            continue
        text = html.unescape(TAG.sub("", body.group(1))).strip()
        title = re.search(r"<TITLE>(.*?)</TITLE>", x, re.S)
        dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", x, re.S)
        name = os.path.basename(path)
        outlet = re.match(r"[A-Za-z]+", name)
        yield {
            "title": html.unescape(TAG.sub("", title.group(1))).strip() if title else None,
            "text": re.sub(r"\n{3,}", "\n\n", text),
            "outlet": outlet.group(0).lower() if outlet else None,
            "published": dct.group(1) if dct else None,
        }


def extraction(ev):
    with open(os.path.join(ev, "article-extraction/ground-truth.json"), encoding="utf-8") as f:
        gt = json.load(f)
    for key in sorted(gt):
        path = os.path.join(ev, "article-extraction/html", key + ".html.gz")
        if not os.path.isfile(path):
            continue
        with gzip.open(path, "rb") as f:
            raw = f.read()
        yield {"html": raw.decode("utf-8", errors="replace"), "url": gt[key].get("url")}


DATASETS = [
    ("basil", basil),
    ("mmds", mmds),
    ("polnear", polnear),
    ("semeval", semeval),
    ("neus", neus),
    ("cdcr", cdcr),
    ("tempeval", tempeval),
    ("extraction", extraction),
]


# `parallax add` refuses an input file over --max-size (20 MiB by default), so a dataset
# whose JSONL would be larger (the raw HTML pages) is split into parts of at most this size.
PART_BYTES = 8 << 20


def write_parts(out, name, records):
    """Write NAME.jsonl, or NAME-1.jsonl, NAME-2.jsonl, ... when over PART_BYTES; return the count."""
    lines = []
    for rec in records:
        rec = clean(rec)
        if rec.get("text") or rec.get("html"):
            lines.append(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    parts, size = [[]], 0
    for line in lines:
        n = len(line.encode("utf-8"))
        if parts[-1] and size + n > PART_BYTES:
            parts.append([])
            size = 0
        parts[-1].append(line)
        size += n
    for i, part in enumerate(parts, 1):
        fname = f"{name}.jsonl" if len(parts) == 1 else f"{name}-{i}.jsonl"
        with open(os.path.join(out, fname), "w", encoding="utf-8") as f:
            f.writelines(part)
    return len(lines), len(parts)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ev, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    total = 0
    for name, reader in DATASETS:
        n, parts = write_parts(out, name, reader(ev))
        print(f"{name}: {n} articles" + (f" in {parts} files" if parts > 1 else ""))
        total += n
    print(f"total: {total} articles from {len(DATASETS)} datasets written to {out}")


if __name__ == "__main__":
    main()
