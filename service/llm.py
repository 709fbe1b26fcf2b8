"""The local GGUF model: chat prompts, answer-option log-probabilities with prefix reuse, generation."""

from __future__ import annotations

import ctypes
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

Message = dict[str, str]

# Text between these marks is data (a claim, an article's sentence): it is tokenized as plain text, so a
# "<|im_end|>" written in it is the characters, never the model's end-of-turn token. Private-use characters,
# removed from the data itself, so no text can close its own span.
DATA_OPEN, DATA_CLOSE = "\ue000", "\ue001"
_MARKS = re.compile(f"([{DATA_OPEN}{DATA_CLOSE}])")


# How option_logprobs_hidden reads a hidden state; a head is fitted on states read one way and read the same way
# (states read another way differ a little: session 35, the head's probabilities by up to 0.05). Session 36 tried
# reading the answer token alone (README, "Read at the answer token alone"): a little faster, not shipped.
HIDDEN_READING = "every suffix token"


def data(text: str) -> str:
    """Text marked as data for a prompt: nothing in it can become a control token."""
    return DATA_OPEN + text.replace(DATA_OPEN, "").replace(DATA_CLOSE, "") + DATA_CLOSE


def split_controls(prompt: str, controls: Mapping[str, int]) -> list[str | int]:
    """A prompt as plain-text pieces and control-token ids; a control token's text counts only outside data.

    Plain text runs through unbroken (data and the template text around it together), so a prompt whose data
    holds no control-token text gets exactly the tokens it got when the whole prompt was parsed for them.
    """
    pattern = re.compile("(" + "|".join(map(re.escape, sorted(controls, key=len, reverse=True))) + ")")
    pieces: list[str | int] = []
    text: list[str] = []
    inside = False
    for part in _MARKS.split(prompt):
        if part in (DATA_OPEN, DATA_CLOSE):
            inside = part == DATA_OPEN
        elif inside or not controls:
            text.append(part)
        else:
            for i, chunk in enumerate(pattern.split(part)):
                if i % 2 == 0:
                    text.append(chunk)
                    continue
                if "".join(text):
                    pieces.append("".join(text))
                text = []
                pieces.append(controls[chunk])
    if "".join(text):
        pieces.append("".join(text))
    return pieces


class PrefixStates:
    """Saved KV states of prompt prefixes, least recently used evicted past a byte budget."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self.largest = 0  # the largest state saved so far: what one more would likely take
        self._states: OrderedDict[tuple[int, ...], Any] = OrderedDict()

    def full(self) -> bool:
        """Whether one more state like the largest so far would push out a saved one."""
        return self.max_bytes == 0 or (self.largest > 0 and self.bytes + self.largest > self.max_bytes)

    def get(self, key: tuple[int, ...]) -> Any | None:
        state = self._states.get(key)
        if state is not None:
            self._states.move_to_end(key)
        return state

    def put(self, key: tuple[int, ...], state: Any) -> None:
        if len(state) > self.max_bytes:
            return
        self._states[key] = state
        self.bytes += len(state)
        self.largest = max(self.largest, len(state))
        while self.bytes > self.max_bytes:
            _, old = self._states.popitem(last=False)
            self.bytes -= len(old)

    def __len__(self) -> int:
        return len(self._states)


class LocalLLM:
    """One llama.cpp context; every call holds a lock, since a context serves one sequence at a time."""

    def __init__(
        self, path: str, n_ctx: int = 2048, n_threads: int = 2, seed: int = 0, prefix_cache_mb: int = 1024
    ) -> None:
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
        self.prefixes = PrefixStates(prefix_cache_mb * 1024 * 1024)
        self.controls = self._control_tokens()

    def _control_tokens(self) -> dict[str, int]:
        """The tokens that only a prompt's template may write (end of turn, start of turn, end of text...)."""
        model = self.llm._model
        mask = self._llama_cpp.LLAMA_TOKEN_ATTR_CONTROL | self._llama_cpp.LLAMA_TOKEN_ATTR_UNKNOWN
        found: dict[str, int] = {}
        for token in range(model.n_vocab()):
            if model.token_get_attr(token) & mask and (text := self._token_text(token)):
                found.setdefault(text, token)
        return found

    def _token_text(self, token: int) -> str:
        if token < 0:
            return ""
        return self.llm.detokenize([token], special=True).decode("utf-8", errors="replace")

    def render(self, messages: Sequence[Message]) -> str:
        """The model's own chat template applied, ready for the assistant's answer."""
        return str(self._formatter(messages=list(messages)).prompt)  # type: ignore[arg-type]

    def tokenize(self, text: str) -> list[int]:
        """Tokens of a prompt: control tokens where the template wrote them, plain text inside data()."""
        tokens: list[int] = []
        for piece in split_controls(text, self.controls):
            if isinstance(piece, int):
                tokens.append(piece)
            else:
                tokens += self.llm.tokenize(piece.encode("utf-8"), add_bos=False, special=False)
        return tokens

    def option_logprobs_split(self, prefix: str, suffix: str, options: Sequence[str]) -> dict[str, float]:
        """Log-probability of each option's first token after prefix + suffix, reusing the prefix's saved state.

        The prefix (e.g. instructions and an evidence sentence) is evaluated once and reused by every
        later prompt that starts with it, so a new claim costs only its own tokens.
        """
        return self.option_logprobs_hidden(prefix, suffix, options)[0]

    def option_logprobs_hidden(
        self, prefix: str, suffix: str, options: Sequence[str], hidden: bool = False
    ) -> tuple[dict[str, float], np.ndarray | None]:
        """option_logprobs_split, and with `hidden` the model's last hidden state at the answer position
        (what the trained head reads). Only the suffix is evaluated with embeddings on: llama.cpp then outputs
        every one of its tokens, logits included (about a fifth more per suffix token); the prefix is as before."""
        firsts = self._first_tokens(options)
        head, tail = self.tokenize(prefix), self.tokenize(suffix)
        if not tail:
            raise ValueError("a prompt's suffix holds no token to answer after")
        if len(head) + len(tail) >= self.n_ctx:
            raise ValueError(f"prompt of {len(head) + len(tail)} tokens does not fit the context of {self.n_ctx}")
        with self.lock:
            self._load_prefix(head)
            if not hidden:
                self._eval(tail)
                return self._normalise(self._last_logits(), firsts), None
            self._llama_cpp.llama_set_embeddings(self.llm.ctx, True)
            try:
                self._eval(tail, every_output=True)
                logits, state = self._last_logits(), self._last_hidden()
            finally:
                self._llama_cpp.llama_set_embeddings(self.llm.ctx, False)
        return self._normalise(logits, firsts), state

    def ensure_prefix(self, prefix: str) -> bool:
        """Evaluate and save a prefix's KV state ahead of time; False if it was already saved."""
        with self.lock:
            return self._load_prefix(self.tokenize(prefix))

    def _load_prefix(self, head: list[int]) -> bool:
        """Put the prefix's KV state in the context: restored if saved, else evaluated and saved (True)."""
        state = self.prefixes.get(tuple(head))
        if state is not None:
            self._restore_sequence(state, head)
            return False
        self._eval_reusing_prefix(head)
        self.prefixes.put(tuple(head), self._save_sequence())
        return True

    def _save_sequence(self) -> Any:
        ctx = self.llm.ctx
        size = self._llama_cpp.llama_state_seq_get_size(ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        self._llama_cpp.llama_state_seq_get_data(ctx, buffer, size, 0)
        return buffer

    def _restore_sequence(self, state: Any, tokens: list[int]) -> None:
        self.llm._ctx.kv_cache_seq_rm(-1, 0, -1)
        if self._llama_cpp.llama_state_seq_set_data(self.llm.ctx, state, len(state), 0) == 0:
            raise RuntimeError("llama.cpp refused a saved prefix state")
        self.llm.input_ids[: len(tokens)] = tokens
        self.llm.n_tokens = len(tokens)

    def _first_tokens(self, options: Sequence[str]) -> dict[str, int]:
        firsts = {opt: self.tokenize(opt)[0] for opt in options}
        if len(set(firsts.values())) != len(firsts):
            raise ValueError(f"options {options} share a first token")
        return firsts

    @staticmethod
    def _normalise(logits: np.ndarray, firsts: dict[str, int]) -> dict[str, float]:
        logits = logits - logits.max()
        logsum = float(np.log(np.exp(logits).sum()))
        return {opt: float(logits[tok]) - logsum for opt, tok in firsts.items()}

    def _last_logits(self) -> np.ndarray:
        ptr = self._llama_cpp.llama_get_logits_ith(self.llm.ctx, -1)
        return np.ctypeslib.as_array(ptr, shape=(self.llm.n_vocab(),)).astype(np.float64)

    def _eval(self, tokens: list[int], every_output: bool = False) -> None:
        """Llama.eval; with every_output each token is marked as an output, as llama.cpp requires when it
        returns hidden states (it would otherwise override the batch and log a warning on every call)."""
        if not every_output:
            self.llm.eval(tokens)
            return
        llm = self.llm
        llm._ctx.kv_cache_seq_rm(-1, llm.n_tokens, -1)
        for start in range(0, len(tokens), llm.n_batch):
            batch = tokens[start : start + llm.n_batch]
            llm._batch.set_batch(batch=batch, n_past=llm.n_tokens, logits_all=True)
            llm._ctx.decode(llm._batch)
            llm.input_ids[llm.n_tokens : llm.n_tokens + len(batch)] = batch
            llm.n_tokens += len(batch)

    def _last_hidden(self) -> np.ndarray:
        ptr = self._llama_cpp.llama_get_embeddings_ith(self.llm.ctx, -1)
        if not ptr:
            raise RuntimeError("llama.cpp returned no hidden state")
        return np.ctypeslib.as_array(ptr, shape=(self.llm.n_embd(),)).astype(np.float32)

    def _eval_reusing_prefix(self, tokens: list[int]) -> None:
        # Keep the KV cache of the longest prefix shared with the previous prompt.
        cached = self.llm.input_ids[: self.llm.n_tokens].tolist()
        common = 0
        for a, b in zip(cached, tokens, strict=False):
            if a != b:
                break
            common += 1
        self.llm.n_tokens = common
        self.llm._ctx.kv_cache_seq_rm(-1, common, -1)  # drop what the previous prompt left beyond the prefix
        if common < len(tokens):
            self.llm.eval(tokens[common:])

    def generate(self, messages: Sequence[Message], max_tokens: int, schema: dict[str, Any] | None = None) -> str:
        """Greedy chat completion, optionally constrained to a JSON schema."""
        # Tokenized here rather than by create_chat_completion, which would read control tokens inside data.
        from llama_cpp.llama_grammar import LlamaGrammar

        prompt = self.tokenize(self.render(messages))
        grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False) if schema else None
        stop = self._token_text(self.llm.token_eos())
        with self.lock:
            out: Any = self.llm.create_completion(
                prompt=prompt, max_tokens=max_tokens, temperature=0.0, grammar=grammar, stop=[stop] if stop else None
            )
        return str(out["choices"][0]["text"] or "")
