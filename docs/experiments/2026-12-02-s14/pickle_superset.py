"""make fit's judging of the tuning (or test) claims, the LLM reading the union of every policy's statements
(policies.py), pickled to OUT: 2026-12-02/fit_pickle.py run with service/evidence.for_llm replaced. Offline,
policies.py's choices are replayed by forgetting the other readings."""
import runpy, sys
sys.path.insert(0, "docs/experiments/2026-12-02-s14")
from service import evidence
import policies
evidence.for_llm = lambda judged, limit: policies.superset([j for j in judged if not getattr(j, "quotes_claim", False)], limit)
runpy.run_path("docs/experiments/2026-12-02/fit_pickle.py", run_name="__main__")  # reads sys.argv: tune|test OUT
