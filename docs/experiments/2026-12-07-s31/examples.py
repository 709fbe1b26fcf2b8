"""Rule 14 (README here): `python -m eval gold` with the LLM asked after other worked examples.

`examples.py FILE.json EVAL-GOLD-ARGS...` runs `python -m eval gold EVAL-GOLD-ARGS...` with the worked examples of
FILE.json in place of prompts/entail_examples.json (the question, prompts/entail.txt, unchanged)."""
import json
import sys

from eval.__main__ import main
from service import judge

path, args = sys.argv[1], sys.argv[2:]
worked = tuple(json.load(open(path, encoding="utf-8")))
real = judge.examples
judge.examples = lambda name: worked if name == "entail_examples" else real(name)
sys.exit(main(["gold", *args]))
