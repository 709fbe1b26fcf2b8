"""The service's detail check against the experiment's: `decide.features(...)["detail_conflict"]` and `details.py`'s
contradicted form on every judged claim of session 31's and 32's pickles. `equal.py`."""
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-07-s32")
from details import check  # noqa: E402

from service.decide import features  # noqa: E402

SETS = ["tune", "test", "news-test", "news-dev-c", "test-b", "news-test-b", "news-test-c"]
PICKLES = [f"var/s31/joint-{n}.pkl" for n in SETS] + ["var/s32/joint-news-test-d.pkl"]
claims = [e for path in PICKLES for e in pickle.load(open(path, "rb"))]
differ = [e.claim.id for e in claims if abs(features(e.judgement, 0.3)["detail_conflict"] - check(e.judgement, "contradicted")) > 1e-12]
print(f"{len(claims)} claims; the service's check differs on {len(differ)}: {differ}")
