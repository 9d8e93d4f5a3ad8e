#!/usr/bin/env python3
"""Peer for the summary benchmark: sumy's LexRank on the same three articles
per story that `score_summary.py` gives Parallax.

    .venv/bin/python bench/peer_lexrank.py [--eval-dir DIR] [--split val]
        [--sentences 5] [--order document|rank] --out FILE

For every story of the NeuS/AllSides split (read with the scorer's own
loader, so the articles are exactly the ones Parallax is given), the three
articles are one sumy document: per article a paragraph with its title line
and a paragraph with its body, as in the `.txt` files the scorer writes.
LexRank (sumy 0.13 defaults: TF-IDF cosine graph cut at 0.1, power method;
Snowball stemming, sumy's English stop words) picks `--sentences` sentences (default 5, Parallax's default);
`--order document` keeps them in document order (sumy's output), `--order
rank` puts the most central first. One summary per line goes to FILE, to be
scored with `score_summary.py --system-outputs FILE`, which cuts every
summary to the reference length exactly as for Parallax.

sumy's default English tokenizer needs NLTK's downloadable punkt data, which
this machine cannot fetch; instead the sentence splitter is NLTK's Punkt
trained, unsupervised, on the article texts of the train split (never the
scored split) and words come from NLTK's Treebank tokenizer (pure code),
filtered with sumy's own word pattern.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True

from nltk.tokenize import TreebankWordTokenizer  # noqa: E402
from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer  # noqa: E402
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence  # noqa: E402
from sumy.nlp.stemmers import Stemmer  # noqa: E402
from sumy.nlp.tokenizers import Tokenizer  # noqa: E402
from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.utils import get_stop_words  # noqa: E402


class Words:
    """The word half of sumy's Tokenizer interface."""

    def __init__(self, sentences):
        self._sent = sentences
        self._tb = TreebankWordTokenizer()

    @property
    def language(self):
        return "english"

    def to_sentences(self, text):
        return tuple(s.strip() for s in self._sent.tokenize(text) if s.strip())

    def to_words(self, sentence):
        return tuple(w for w in self._tb.tokenize(sentence) if Tokenizer._is_word(w))


def ratings(lr, doc):
    """LexRank scores of every sentence: the steps of LexRankSummarizer.__call__."""
    words = [lr._to_words_set(s) for s in doc.sentences]
    matrix = lr._create_matrix(words, lr.threshold, lr._compute_tf(words), lr._compute_idf(words))
    return dict(zip(doc.sentences, lr.power_method(matrix, lr.epsilon)))


def train_punkt(stories):
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    text = "\n\n".join(b for st in stories for _, b in st["articles"])
    trainer.train(text, finalize=True)
    return PunktSentenceTokenizer(trainer.get_params())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", default=os.environ.get(
        "EVAL_DIR", os.path.join(here, "..", "..", "shared", "eval")))
    ap.add_argument("--split", default="val")
    ap.add_argument("--sentences", type=int, default=5)
    ap.add_argument("--order", choices=["document", "rank"], default="document")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    sys.path.insert(0, os.path.abspath(args.eval_dir))
    import score_summary as ss  # the scorer's loader: same articles as Parallax gets

    data = os.path.join(args.eval_dir, "neus-allsides")
    stories = ss.load_stories(data, args.split)
    tok = Words(train_punkt(ss.load_stories(data, "train")))
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    with open(args.out, "w", encoding="utf-8") as out:
        for st in stories:
            paragraphs = []
            for title, body in st["articles"]:
                for chunk in (title, body):
                    sents = [Sentence(s, tok) for s in tok.to_sentences(chunk)]
                    if sents:
                        paragraphs.append(Paragraph(sents))
            doc = ObjectDocumentModel(tuple(paragraphs))
            picked = list(summarizer(doc, args.sentences))
            if args.order == "rank":
                rating = ratings(summarizer, doc)
                picked.sort(key=lambda s: -rating[s])
            line = " ".join(str(s) for s in picked).replace("\n", " ")
            out.write(line + "\n")
    print(f"lexrank: {len(stories)} summaries ({args.split}, {args.sentences} sentences, "
          f"{args.order} order) -> {args.out}")


if __name__ == "__main__":
    main()
