"""Prometheus metrics, one registry per app so that several apps (and tests) do not collide."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0)


class Metrics:
    """Request counts, per-stage latencies, verdict counts and queue depth."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "claims_http_requests",
            "HTTP requests by route and status",
            ["route", "status"],
            registry=self.registry,
        )
        self.stage = Histogram(
            "claims_stage_seconds",
            "Time per verification stage",
            ["stage"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.verdicts = Counter("claims_verdicts", "Verdicts by label", ["label"], registry=self.registry)
        self.queue = Gauge("claims_queue_depth", "Verifications admitted and not finished", registry=self.registry)
        self.rejected = Counter("claims_overload_rejections", "Requests refused with 503", registry=self.registry)

    def render(self) -> bytes:
        return generate_latest(self.registry)
