"""How near each held-out news article (HELD_OUT_NEWS_ROWS) is to its nearest training article, among rows 0-4499
and among rows 4500-7899: TF-IDF cosine (English stop words out, terms in at least two training articles,
sublinear tf), with the eight nearest pairs printed. Reading only."""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from judge import data


def main():
    rows = dict(data.read_rows(range(0, 7900)))
    held = sorted(data.HELD_OUT_NEWS_ROWS)
    train = [r for r in rows if r not in data.HELD_OUT_NEWS_ROWS]
    vec = TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True).fit(rows[r]["document"] for r in train)
    sim = vec.transform([rows[r]["document"] for r in held]) @ vec.transform([rows[r]["document"] for r in train]).T
    sim = sim.toarray()
    train = np.array(train)
    early, late = sim[:, train < 4500].max(axis=1), sim[:, train >= 4500].max(axis=1)
    for name, nearest in (("rows 0-4499", early), ("rows 4500-7899", late)):
        print(
            f"{name}: nearest cosine median {np.median(nearest):.3f}, at least 0.5 for {(nearest >= 0.5).sum()}, "
            f"at least 0.7 for {(nearest >= 0.7).sum()} of {len(nearest)} held-out articles"
        )
    for i in np.argsort(-np.maximum(early, late))[:8]:
        j = sim[i].argmax()
        print(
            held[i],
            int(train[j]),
            round(float(sim[i, j]), 3),
            rows[held[i]]["document"][:70].replace("\n", " "),
            "|",
            rows[int(train[j])]["document"][:70].replace("\n", " "),
        )


if __name__ == "__main__":
    main()
