#!/usr/bin/env python3
"""Learn which words editors drop when they neutralise a story.

Reads the NeuS/AllSides *train* split (three partisan outlets' excerpts per
story plus the AllSides editors' neutral roundup; see
/work/shared/eval/neus-allsides/README.md) and writes
crates/story/src/framing/neutrality.tsv: one lower-case word form a line with
the number of source articles that use it (how common the word is in news:
words missing from the table are rare) and a "dropped" score in 0..1 (how
much less often the word survives into the neutral roundup than a word
spread over as many source articles usually does). Only statistics (word +
counts) are written, never text.

Statistic, per word w (no numbers or names; function words are written but
left out of the base rate):
  for each story s where w occurs in n_s of the 3 source articles (1..3),
  t_s = 1 if w also occurs in the roundup. The base rate b(n) = P(t | n) is
  measured over all content words. Observed O = sum t_s, expected
  E = sum b(n_s). Survival ratio R = (O + K) / (E + K) (K: smoothing).
  dropped = clip(1 - R, 0, 1). Written when the word occurs in >=
  MIN_ARTICLES source articles (about 4,000 words).

Usage: python3 bench/learn_neutrality.py (standard library only) [--data DIR] [--out FILE]
"""

import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "eval", "neus-allsides"))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "crates", "story", "src", "framing", "neutrality.tsv"))

MIN_ARTICLES = 8  # source articles a word must occur in to be written
K = 1.0  # smoothing of the survival ratio

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
SENT_END = re.compile(r"[.!?:\"“]\s*$")

# Function words (closed classes of English); written for this project.
FUNCTION = set(
    """a about above after again against all almost also although am among an and
    another any anyone anything are around as at be became because become been
    before being below between both but by can cannot could did do does doing done
    down during each either else enough even ever every few for from further had
    has have having he her here hers herself him himself his how however i if in
    into is it its itself just least less let like many may me might mine more
    most much must my myself neither no nor not now of off often on once one only
    or other others otherwise our ours ourselves out over own per perhaps quite
    rather same several she should since so some someone something such than that
    the their theirs them themselves then there these they this those though
    through thus to too toward towards under until up upon us very via was we
    were what whatever when where whether which while who whom whose why will
    with within without would yet you your yours yourself yourselves
    i'm it's he's she's that's there's don't doesn't didn't won't can't isn't
    aren't wasn't weren't hasn't haven't hadn't wouldn't couldn't shouldn't
    we're they're you're i've we've they've i'll we'll they'll he'd she'd
    mr mrs ms dr st jr sr said says say""".split()
)


def parse_articles(line):
    """(title + text) of each article of one `.source` or `.target` line."""
    parts = line.rstrip("\n").split(" [SEP] ")
    out = []
    for p in parts:
        p = p.replace("TITLE=>", " ").replace("ARTICLE=>", ". ")
        out.append(p)
    return out


def words(text, caps):
    """Lower-case word forms of `text`; counts capitalised uses that are not
    sentence-initial into `caps` (names)."""
    found = set()
    prev_end = 0
    for m in WORD.finditer(text):
        raw = m.group(0)
        low = raw.lower().replace("’", "'").strip("'-")
        if not low:
            continue
        initial = prev_end == 0 or bool(SENT_END.search(text[prev_end : m.start()]))
        prev_end = m.end()
        if raw[0].isupper() and not initial:
            caps[low][0] += 1
        caps[low][1] += 1
        found.add(low)
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--show", type=int, default=0, help="print the N most dropped")
    args = ap.parse_args()
    src_path = os.path.join(args.data, "train.source")
    tgt_path = os.path.join(args.data, "train.target")
    if not (os.path.exists(src_path) and os.path.exists(tgt_path)):
        print(f"no train split in {args.data}", file=sys.stderr)
        return 1
    caps = collections.defaultdict(lambda: [0, 0])
    stories = []  # (Counter word -> n source articles, set of roundup words)
    with open(src_path, encoding="utf-8") as fs, open(tgt_path, encoding="utf-8") as ft:
        for src, tgt in zip(fs, ft):
            per = collections.Counter()
            for art in parse_articles(src):
                per.update(words(art, caps))
            target = set()
            for art in parse_articles(tgt):
                target |= words(art, caps)
            stories.append((per, target))

    def word_like(w):
        if any(c.isdigit() for c in w):
            return False
        up, total = caps[w]
        return up <= 0.3 * total  # mostly capitalised mid-sentence: a name

    def content(w):
        return w not in FUNCTION and len(w) >= 3 and word_like(w)

    # Base survival rate by the number of source articles using the word.
    base_hit = collections.Counter()
    base_all = collections.Counter()
    for per, target in stories:
        for w, n in per.items():
            if content(w):
                base_all[n] += 1
                base_hit[n] += w in target
    base = {n: base_hit[n] / base_all[n] for n in base_all}
    print("base survival by #source articles:", {n: round(b, 3) for n, b in sorted(base.items())}, file=sys.stderr)

    obs = collections.Counter()
    exp = collections.Counter()
    arts = collections.Counter()
    for per, target in stories:
        for w, n in per.items():
            if not word_like(w):
                continue
            obs[w] += w in target
            exp[w] += base[n]
            arts[w] += n
    rows = []
    for w, a in arts.items():
        if a < MIN_ARTICLES:
            continue
        ratio = (obs[w] + K) / (exp[w] + K)
        dropped = max(0.0, min(1.0, 1.0 - ratio))
        rows.append((dropped, a, w))
    # Most dropped first; ties by evidence, then the word (deterministic).
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    for d, a, w in rows[: args.show]:
        print(f"{w}\t{d:.3f}\t{a}\t{obs[w]}\t{exp[w]:.2f}", file=sys.stderr)
    rows.sort(key=lambda r: r[2])
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# word\tsource articles using it\tdropped (0..1): how much less often the word\n")
        f.write("# survives into a neutral roundup than expected. Learned by\n")
        f.write(f"# bench/learn_neutrality.py from the NeuS/AllSides train split ({len(stories)} stories,\n")
        f.write("# statistics only).\n")
        for d, a, w in rows:
            f.write(f"{w}\t{a}\t{d:.3f}\n")
    print(f"wrote {len(rows)} words to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
