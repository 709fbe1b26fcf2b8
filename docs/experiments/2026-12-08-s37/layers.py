"""Session 37 prototype: the local model's hidden state at the answer position read from its middle layers, through
llama.cpp's eval callback, during the plain read (no embeddings mode, so no extra outputs).

`LayerTap(llm)` rebuilds the LocalLLM's llama.cpp context with a callback that copies the last token's row of each
named tensor ("l_out-<layer>": a layer's output; "result_norm": the final normed state) after every decode.
"""

from __future__ import annotations

import ctypes
import os

import llama_cpp
import numpy as np
from llama_cpp import _internals

from service.llm import LocalLLM

_GGML = ctypes.CDLL(os.path.join(os.path.dirname(llama_cpp.__file__), "lib", "libggml-base.so"))
_GGML.ggml_get_name.restype = ctypes.c_char_p
_GGML.ggml_get_name.argtypes = [ctypes.c_void_p]
_GGML.ggml_get_data_f32.restype = ctypes.POINTER(ctypes.c_float)
_GGML.ggml_get_data_f32.argtypes = [ctypes.c_void_p]
_GGML.ggml_nelements.restype = ctypes.c_int64
_GGML.ggml_nelements.argtypes = [ctypes.c_void_p]


class LayerTap:
    def __init__(self, llm: LocalLLM, names: list[str]) -> None:
        self.llm = llm
        self.names = {n.encode() for n in names}
        self.width = llm.llm.n_embd()
        self.rows: dict[str, np.ndarray] = {}
        self._callback = llama_cpp.ggml_backend_sched_eval_callback(self._observe)  # kept alive with self
        inner = llm.llm
        params = inner.context_params
        params.cb_eval = self._callback
        params.cb_eval_user_data = None
        old = inner._ctx
        inner._ctx = _internals.LlamaContext(model=inner._model, params=params, verbose=False)
        inner._stack.callback(inner._ctx.close)
        old.close()
        inner.n_tokens = 0
        llm.prefixes = type(llm.prefixes)(llm.prefixes.max_bytes)

    def _observe(self, tensor: int, ask: bool, _user: int) -> bool:
        name = _GGML.ggml_get_name(tensor)
        if ask:
            return name in self.names
        if name in self.names:
            n = _GGML.ggml_nelements(tensor)
            data = np.ctypeslib.as_array(_GGML.ggml_get_data_f32(tensor), shape=(n,))
            self.rows[name.decode()] = data[n - self.width :].copy()
        return True
