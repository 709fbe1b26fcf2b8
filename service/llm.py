"""The local GGUF model: chat prompts, answer-option log-probabilities with prefix reuse, generation."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

Message = dict[str, str]


class LocalLLM:
    """One llama.cpp context; every call holds a lock, since a context serves one sequence at a time."""

    def __init__(self, path: str, n_ctx: int = 2048, n_threads: int = 2, seed: int = 0) -> None:
        import llama_cpp
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self._llama_cpp = llama_cpp
        self.llm = llama_cpp.Llama(
            model_path=path, n_ctx=n_ctx, n_threads=n_threads, n_batch=512, seed=seed, verbose=False
        )
        self.lock = threading.Lock()
        meta = self.llm.metadata
        template = meta.get("tokenizer.chat_template")
        if not template:
            raise ValueError(f"{path} has no chat template; only instruct models with one are supported")
        self._formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=self._token_text(self.llm.token_eos()),
            bos_token=self._token_text(self.llm.token_bos()),
        )
        self.n_ctx = n_ctx

    def _token_text(self, token: int) -> str:
        if token < 0:
            return ""
        return self.llm.detokenize([token], special=True).decode("utf-8", errors="replace")

    def render(self, messages: Sequence[Message]) -> str:
        """The model's own chat template applied, ready for the assistant's answer."""
        return str(self._formatter(messages=list(messages)).prompt)  # type: ignore[arg-type]

    def tokenize(self, text: str) -> list[int]:
        return list(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def option_logprobs(self, prompt: str, options: Sequence[str]) -> dict[str, float]:
        """Log-probability of each option's first token as the next token after `prompt`."""
        firsts = {opt: self.tokenize(opt)[0] for opt in options}
        if len(set(firsts.values())) != len(firsts):
            raise ValueError(f"options {options} share a first token")
        tokens = self.tokenize(prompt)
        if len(tokens) >= self.n_ctx:
            raise ValueError(f"prompt of {len(tokens)} tokens does not fit the context of {self.n_ctx}")
        with self.lock:
            logits = self._eval_reusing_prefix(tokens)
        logits = logits - logits.max()
        logsum = float(np.log(np.exp(logits).sum()))
        return {opt: float(logits[tok]) - logsum for opt, tok in firsts.items()}

    def _eval_reusing_prefix(self, tokens: list[int]) -> np.ndarray:
        # Keep the KV cache of the longest prefix shared with the previous prompt.
        cached = self.llm.input_ids[: self.llm.n_tokens].tolist()
        common = 0
        for a, b in zip(cached, tokens, strict=False):
            if a != b:
                break
            common += 1
        common = min(common, len(tokens) - 1)  # at least one token must be evaluated for fresh logits
        self.llm.n_tokens = common
        self.llm.eval(tokens[common:])
        n_vocab = self.llm.n_vocab()
        ptr = self._llama_cpp.llama_get_logits_ith(self.llm.ctx, -1)
        return np.ctypeslib.as_array(ptr, shape=(n_vocab,)).astype(np.float64)

    def generate(self, messages: Sequence[Message], max_tokens: int, schema: dict[str, Any] | None = None) -> str:
        """Greedy chat completion, optionally constrained to a JSON schema."""
        fmt: Any = {"type": "json_object", "schema": schema} if schema else None
        with self.lock:
            out: Any = self.llm.create_chat_completion(
                messages=list(messages),  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=0.0,
                response_format=fmt,
            )
        return str(out["choices"][0]["message"]["content"] or "")
