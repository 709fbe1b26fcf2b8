"""report.json, report.md and the PNG plots of one evaluation run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval import metrics


def write(out: Path, report: dict[str, Any], confidences: list[float], hits: list[bool]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / "report.md").write_text(markdown(report))
    _plot_confusion(out / "confusion.png", report["confusion"])
    _plot_reliability(out / "reliability.png", confidences, hits)


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def markdown(r: dict[str, Any]) -> str:
    lines = [
        f"# Evaluation: {r['data']}",
        "",
        f"{r['date']}; model `{r['model_preset']}`; index `{r['index_version']}`; mode {r['mode']}; top_k {r['k']}.",
        "",
        "| figure | service | naive baseline |",
        "|---|---|---|",
    ]
    base = r.get("baseline") or {}
    for key in ("n", "accuracy", "macro_f1", "evidence_recall", "citation_precision", "ece"):
        lines.append(f"| {key} | {_fmt(r.get(key))} | {_fmt(base.get(key))} |")
    for q in ("p50", "p95", "mean"):
        lines.append(f"| latency {q} (s) | {_fmt(r['latency_s'][q])} | {_fmt(base.get('latency_s', {}).get(q))} |")
    chance = r.get("ece_by_chance")
    if chance:
        lines += [
            "",
            f"A perfectly calibrated service would show ECE {chance['mean']:.3f} on these {r['n']} claims by sampling "
            f"alone (5th-95th percentile {chance['p5']:.3f}-{chance['p95']:.3f}).",
        ]
    if base:
        lines += [
            "",
            f"Accuracy gain over the baseline: {100 * r['accuracy_gain']:.1f} points "
            f"(ratio {_fmt(r['accuracy_ratio'])}).",
        ]
    lines += ["", "## Per label", "", "| label | precision | recall | F1 | n |", "|---|---|---|---|---|"]
    for label, s in r["per_label"].items():
        lines.append(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {int(s['support'])} |")
    lines += [
        "",
        "## Confusion (rows gold, columns predicted)",
        "",
        "| | " + " | ".join(metrics.LABELS) + " |",
        "|---" * (len(metrics.LABELS) + 1) + "|",
    ]
    for label, row in zip(metrics.LABELS, r["confusion"]["matrix"], strict=True):
        lines.append(f"| {label} | " + " | ".join(map(str, row)) + " |")
    if r.get("retrieval_recall"):
        lines += ["", f"## Evidence recall at k={r['k']} by retriever", ""]
        lines += [f"- {mode}: {_fmt(v)}" for mode, v in r["retrieval_recall"].items()]
    lines += ["", "## Accuracy by tag", ""]
    lines += [f"- {tag}: {s['accuracy']:.3f} (n={s['n']})" for tag, s in r["accuracy_by_tag"].items()]
    lines += ["", "Plots: `confusion.png`, `reliability.png`; every prediction: `predictions.jsonl`.", ""]
    return "\n".join(lines)


def _plot_confusion(path: Path, confusion: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels, matrix = confusion["labels"], confusion["matrix"]
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    top = max(max(row) for row in matrix) or 1
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _plot_reliability(path: Path, confidences: list[float], hits: list[bool]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    centres, accs, counts = [], [], []
    for lo, hi, members in metrics.reliability(confidences, hits):
        if members:
            centres.append((lo + hi) / 2)
            accs.append(sum(hits[i] for i in members) / len(members))
            counts.append(len(members))
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    ax.bar(centres, accs, width=0.09, alpha=0.7, label="accuracy in bin")
    for x, y, n in zip(centres, accs, counts, strict=True):
        ax.text(x, y + 0.02, str(n), ha="center", fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.1)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"ECE {metrics.ece(confidences, hits):.3f}")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
