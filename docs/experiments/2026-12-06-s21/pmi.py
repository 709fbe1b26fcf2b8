"""How much the evidence raised or lowered each of the claim's own tokens, as the 1.5B reads them inside the
judging prompt: PMI_i = log P(token_i | the prompt with the evidence) - log P(token_i | the same prompt with the
content-free evidence "N/A"). A changed detail should be made less likely by the evidence that states it otherwise.
`pmi.py gold FILE...`: on each claim's gold evidence (tuning files only), the minimum and mean PMI per label and
the AUC of supported against refuted, beside the LLM's P(true). `pmi.py combine GOLD_OUTPUT`: a logistic
regression of P(true) with them, 10-fold, its AUC. `pmi.py probe`: every token's PMI for five claims about one
seed sentence."""
import json
import sys

import numpy as np

from service.llm import data

NULL = "N/A"


class TokenReader:
    """The claim's tokens' log-probabilities after a passage, in the judge's own prompt."""

    def __init__(self, judge):
        self.judge, self.llm = judge, judge.llm

    def claim_logprobs(self, claim, passage):
        prefix, suffix = self.judge._split(passage)
        llm = self.llm
        claim_tokens = llm.tokenize(data(claim))
        tail = llm.tokenize(data(claim) + suffix)
        n = 0  # the claim's tokens the tail tokenizes the same way
        while n < min(len(claim_tokens), len(tail)) and claim_tokens[n] == tail[n]:
            n += 1
        head = llm.tokenize(prefix)
        with llm.lock:
            # the prefix's last token is evaluated with the tail, so that its logits (which predict the claim's
            # first token) are output; a saved prefix state holds no logits
            llm._eval_reusing_prefix(head[:-1])
            llm._eval(head[-1:] + tail, every_output=True)
            rows = [self._logits(i) for i in range(n)]
        out = []
        for token, logits in zip(tail[:n], rows, strict=True):
            logits = logits - logits.max()
            out.append(float(logits[token] - np.log(np.exp(logits).sum())))
        reading = self.judge._reading(llm._normalise(self._logits(len(tail)), llm._first_tokens(self.judge._options)))
        return tail[:n], np.array(out), reading

    def _logits(self, i):
        lc = self.llm._llama_cpp
        ptr = lc.llama_get_logits_ith(self.llm.llm.ctx, i)
        return np.ctypeslib.as_array(ptr, shape=(self.llm.llm.n_vocab(),)).astype(np.float64)

    def pmi(self, claim, passage):
        tokens, with_evidence, reading = self.claim_logprobs(claim, passage)
        _, without, _ = self.claim_logprobs(claim, NULL)
        return tokens, with_evidence - without, reading


def auc(pos, neg):
    """Area under the ROC curve of `pos` scored above `neg` (sklearn's, as ../2026-12-06-s20/auc.py uses)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score([1] * len(pos) + [0] * len(neg), list(pos) + list(neg)))


def gold(paths):
    sys.path.insert(0, "docs/experiments/2026-12-02")
    from fit_pickle import judges

    _, judge = judges()
    reader = TokenReader(judge)
    rows = []
    for path in paths:
        for claim in map(json.loads, open(path)):
            if not claim["evidence"]:
                continue
            passage = " ".join(e["text"] for e in claim["evidence"])
            tokens, pmi, reading = reader.pmi(claim["claim"], passage)
            worst = int(np.argmin(pmi))
            rows.append({"id": claim["id"], "label": claim["label"], "min": float(pmi.min()), "mean": float(pmi.mean()),
                         "true": reading.true, "false": reading.false,
                         "worst": judge.llm.llm.detokenize([tokens[worst]]).decode("utf-8", "replace")})
            print(json.dumps(rows[-1]), flush=True)
    by = {}
    for r in rows:
        by.setdefault(r["label"], []).append(r)
    for label, rs in by.items():
        print(label, len(rs), "min", round(np.mean([r["min"] for r in rs]), 2), "mean", round(np.mean([r["mean"] for r in rs]), 2))
    sup, ref = by.get("supported", []), by.get("refuted", [])
    print("AUC supported>refuted: min PMI", round(auc([r["min"] for r in sup], [r["min"] for r in ref]), 3),
          "mean PMI", round(auc([r["mean"] for r in sup], [r["mean"] for r in ref]), 3),
          "LLM P(true)", round(auc([r["true"] for r in sup], [r["true"] for r in ref]), 3))
    sup_t, ref_t = [r for r in sup if r["true"] >= 0.5], [r for r in ref if r["true"] >= 0.5]
    print("read true by the LLM:", len(sup_t), "supported,", len(ref_t), "refuted; AUC min PMI",
          round(auc([r["min"] for r in sup_t], [r["min"] for r in ref_t]), 3))


def combine(path):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import cross_val_predict

    rows = [json.loads(line) for line in open(path) if line.startswith("{")]
    rows = [r for r in rows if r["label"] in ("supported", "refuted")]
    y = np.array([r["label"] == "supported" for r in rows])
    for columns in (["true"], ["true", "min"], ["true", "min", "mean"]):
        x = np.array([[np.log(r[c] / (1 - r[c] + 1e-9) + 1e-9) if c == "true" else r[c] for c in columns] for r in rows])
        p = cross_val_predict(LogisticRegression(C=1.0), x, y, cv=10, method="predict_proba")[:, 1]
        print(columns, "AUC", round(roc_auc_score(y, p), 3), "accuracy", round(((p > 0.5) == y).mean(), 3))


PROBE = ("Yuri Ushakov said Putin and US envoy Steve Witkoff focused on the \u201csubstance\u201d of proposals from the US, "
         "which is trying to clinch a peace deal between Russia and Ukraine, during a five-hour meeting in Moscow on Tuesday.")
PROBE_CLAIMS = ["Witkoff met Putin in Moscow for five hours", "Witkoff met Putin in Moscow for six hours",
                "Witkoff met Putin in Kyiv for five hours", "Witkoff did not meet Putin in Moscow",
                "Witkoff met Putin in Moscow to discuss gas prices"]


def probe():
    sys.path.insert(0, "docs/experiments/2026-12-02")
    from fit_pickle import judges

    _, judge = judges()
    reader = TokenReader(judge)
    for claim in PROBE_CLAIMS:
        tokens, pmi, reading = reader.pmi(claim, PROBE)
        words = [judge.llm.llm.detokenize([t]).decode("utf-8", "replace") for t in tokens]
        print(claim, "| P(true)", round(reading.true, 3), "|", [(w, round(float(x), 1)) for w, x in zip(words, pmi)])


if __name__ == "__main__":
    if sys.argv[1] == "gold":
        gold(sys.argv[2:])
    elif sys.argv[1] == "combine":
        combine(sys.argv[2])
    else:
        probe()
