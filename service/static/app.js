// claimcheck page: plain JavaScript, no libraries, no build step. Every call goes to this service only.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const KEY = "claimcheck-api-key";
const JOB = "claimcheck-job"; // the last batch job of this tab
const LABELS = {
  supported: "Supported",
  refuted: "Refuted",
  not_enough_info: "Not enough information",
  conflicting: "Sources conflict",
};
const STANCES = { supports: "supports the claim", refutes: "contradicts the claim", neutral: "related, shows neither" };
const GROUPS = [
  ["supports", "Support"],
  ["refutes", "Contradict"],
  ["neutral", "Related, neither"],
];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function say(id, message, error = false) {
  const node = $(id);
  node.textContent = message;
  node.classList.toggle("error", error);
}

// ---- the API, with the key asked once and kept for this tab --------------------------------------------------

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

let keyPrompt = null;

function askKey(refused) {
  if (keyPrompt) return keyPrompt;
  const dialog = $("#key-dialog");
  $("#key-dialog p").textContent = refused
    ? "That key was refused. Enter the service's API key."
    : "This service asks for its API key. It is kept for this browser tab only.";
  $("#api-key").value = "";
  keyPrompt = new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        keyPrompt = null;
        const key = $("#api-key").value.trim();
        if (dialog.returnValue === "ok" && key) {
          sessionStorage.setItem(KEY, key);
          resolve(true);
        } else resolve(false);
      },
      { once: true },
    );
  });
  dialog.showModal();
  return keyPrompt;
}

async function api(path, { method = "GET", body, type, raw = false } = {}) {
  for (;;) {
    const headers = {};
    const key = sessionStorage.getItem(KEY);
    if (key) headers["X-API-Key"] = key;
    let payload = body;
    if (body !== undefined && type === undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    } else if (type) headers["Content-Type"] = type;
    const response = await fetch(path, { method, headers, body: payload });
    if (response.status === 401) {
      if (!(await askKey(Boolean(key)))) throw new ApiError("This service needs an API key.", 401);
      continue;
    }
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        message = (await response.json()).error.message || message;
      } catch {
        /* not our error shape: keep the status line */
      }
      throw new ApiError(message, response.status);
    }
    if (raw) return response;
    const kind = response.headers.get("content-type") || "";
    return kind.startsWith("application/json") ? response.json() : response.text(); // JSON Lines, CSV, JSON-LD: text
  }
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- tabs ------------------------------------------------------------------------------------------------

const loaders = { archive: () => loadArchive(), batch: () => resumeJob(), feedback: () => loadFeedback() };

function showTab() {
  const name = (location.hash || "#check").slice(1);
  const tab = document.getElementById(name);
  if (!tab || !tab.classList.contains("tab")) return;
  for (const section of document.querySelectorAll(".tab")) section.hidden = section !== tab;
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.tab === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (loaders[name]) loaders[name]().catch((e) => say(`#${name}-status`, e.message, true));
}

// ---- one claim -------------------------------------------------------------------------------------------

let current = null; // the verdict on show
const articles = new Map(); // id -> promise of the article, fetched once per page load

function article(id) {
  if (!articles.has(id)) {
    const p = api(`/articles/${encodeURIComponent(id)}`);
    p.catch(() => articles.delete(id));
    articles.set(id, p);
  }
  return articles.get(id);
}

function confidenceWords(c) {
  if (c >= 0.85) return "Very confident";
  if (c >= 0.7) return "Fairly confident";
  if (c >= 0.55) return "Somewhat unsure";
  return "Unsure";
}

function badge(label, small = false) {
  return el("span", { class: `badge ${label}${small ? " small" : ""}`, text: LABELS[label] || label });
}

async function checkClaim(event) {
  event.preventDefault();
  const claim = $("#claim").value.trim();
  const button = $("#check-btn");
  button.disabled = true;
  say("#check-status", "Checking the archive…");
  const started = performance.now();
  try {
    const verdict = await api("/verify", { method: "POST", body: { claim } });
    showVerdict(verdict);
    say("#check-status", `Checked in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (e) {
    say("#check-status", e.message, true);
  } finally {
    button.disabled = false;
  }
}

function showVerdict(verdict) {
  current = verdict;
  const box = $("#verdict");
  box.hidden = false;
  box.dataset.label = verdict.label;
  $("#badge").replaceWith(Object.assign(badge(verdict.label), { id: "badge" }));
  const pct = Math.round(verdict.confidence * 100);
  $("#confidence-words").textContent = `${confidenceWords(verdict.confidence)} (${pct}%)`;
  const bar = $("#confidence-bar");
  bar.setAttribute("aria-valuenow", pct);
  bar.setAttribute("aria-valuetext", `${pct} percent`);
  bar.firstElementChild.style.width = `${pct}%`;
  $("#reason").textContent = verdict.reason;
  $("#rationale").hidden = true;
  $("#explain-btn").disabled = false;
  renderSources(verdict);
}

function renderSources(verdict) {
  const root = $("#sources");
  root.replaceChildren();
  if (!verdict.citations.length) {
    root.append(el("p", { text: "Nothing in the archive was cited for this claim." }));
    return;
  }
  for (const [stance, heading] of GROUPS) {
    const cited = verdict.citations.filter((c) => c.stance === stance);
    if (!cited.length) continue;
    const byOutlet = new Map();
    for (const c of cited) {
      const outlet = c.outlet || "Outlet not known";
      if (!byOutlet.has(outlet)) byOutlet.set(outlet, []);
      byOutlet.get(outlet).push(c);
    }
    const group = el("section", { class: `group ${stance}` }, el("h3", { text: `${heading} (${cited.length})` }));
    for (const [outlet, list] of byOutlet) {
      const block = el("div", { class: "outlet" }, el("h4", { text: outlet }));
      for (const c of list) block.append(citationCard(c, verdict.claim));
      group.append(block);
    }
    root.append(group);
  }
}

function citationCard(c, claim) {
  const title = c.url ? el("a", { href: c.url, target: "_blank", rel: "noopener", text: c.title }) : c.title;
  const meta = el(
    "p",
    { class: "meta" },
    el("span", { class: `stance ${c.stance}`, text: STANCES[c.stance] }),
    " · ",
    title,
    c.published_at ? ` · ${c.published_at.slice(0, 10)}` : "",
    c.also_in.length ? ` · also in ${c.also_in.length} other article${c.also_in.length > 1 ? "s" : ""}` : "",
  );
  const context = el("p", { class: "context", "data-article": c.article_id, "data-start": c.start, "data-end": c.end });
  context.append(highlight(c.sentence, 0, c.sentence.length, c, claim));
  article(c.article_id)
    .then((a) => {
      context.replaceChildren(highlight(a.text, c.start, c.end, c, claim));
      context.dataset.loaded = "article";
    })
    .catch(() => context.append(el("span", { class: "meta", text: " (the article is no longer in the archive)" })));
  return el("div", { class: `cite ${c.stance}` }, meta, context);
}

// The cited sentence inside its paragraph, the sentence itself marked by the citation's offsets.
function highlight(text, start, end, c, claim) {
  const from = Math.max(text.lastIndexOf("\n", start - 1) + 1, start - 400);
  let to = text.indexOf("\n", end);
  to = to < 0 ? Math.min(text.length, end + 400) : Math.min(to, end + 400);
  const frag = document.createDocumentFragment();
  frag.append((from > 0 && text[from - 1] !== "\n" ? "…" : "") + text.slice(from, start));
  const mark = el("mark", { "data-start": start, "data-end": end });
  const sentence = text.slice(start, end);
  if (c.stance === "refutes") markDiffering(mark, sentence, claim);
  else mark.textContent = sentence;
  frag.append(mark, text.slice(end, to) + (to < text.length && text[to] !== "\n" ? "…" : ""));
  return frag;
}

const COMMON = new Set("a an the he she it they we i in on at of to and but or as this that there his her its".split(" "));
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}’'.,-]*[\p{L}\p{N}])?/gu;
const norm = (w) => w.toLowerCase().replace(/[.’']/g, "").replace(/,(?=\d{3})/g, "");
const kind = (w) => (/\d/.test(w) ? "number" : /^\p{Lu}/u.test(w) && !COMMON.has(norm(w)) ? "name" : null);

// Where the claim and the sentence differ: the runs of words between their longest common subsequence.
function hunks(a, b) {
  const n = a.length;
  const m = b.length;
  const L = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const out = [];
  let [i, j, i0, j0] = [0, 0, 0, 0];
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (i > i0 || j > j0) out.push([i0, i, j0, j]);
      i0 = ++i;
      j0 = ++j;
    } else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j])) j++;
    else i++;
  }
  if (i > i0 || j > j0) out.push([i0, i, j0, j]);
  return out;
}

// In a contradicting sentence, underline the detail that differs: a number or name standing where the claim has
// another one ("30 percent" where the claim says "50 percent", "Mayor" where it says "Governor").
function markDiffering(mark, sentence, claim) {
  const words = [...sentence.matchAll(WORD)];
  const claimWords = [...claim.matchAll(WORD)].map((m) => m[0]);
  const marked = [];
  for (const [i0, i1, j0, j1] of hunks(claimWords.map(norm), words.map((m) => norm(m[0])))) {
    if (i1 - i0 < 1 || i1 - i0 > 3 || j1 - j0 < 1 || j1 - j0 > 3) continue; // an added or rewritten passage
    const kinds = new Set(claimWords.slice(i0, i1).map(kind));
    marked.push(...words.slice(j0, j1).filter((w) => kind(w[0]) && kinds.has(kind(w[0]))));
  }
  let last = 0;
  for (const m of marked) {
    mark.append(sentence.slice(last, m.index), el("span", { class: "differs", title: "differs from the claim", text: m[0] }));
    last = m.index + m[0].length;
  }
  mark.append(sentence.slice(last));
}

async function explain() {
  const button = $("#explain-btn");
  button.disabled = true;
  const box = $("#rationale");
  box.hidden = false;
  box.textContent = "Writing an explanation…";
  try {
    const verdict = await api("/verify", { method: "POST", body: { claim: current.claim, rationale: true } });
    box.textContent = verdict.rationale || "No explanation: nothing in the archive was cited.";
  } catch (e) {
    box.textContent = e.message;
  }
}

// ---- feedback ----------------------------------------------------------------------------------------------

function markWrong(verdict, onSent) {
  const dialog = $("#feedback-dialog");
  $("#fb-claim").textContent = verdict.claim;
  $("#fb-said").textContent = LABELS[verdict.label];
  const select = $("#fb-label");
  for (const option of select.options) option.disabled = option.value === verdict.label;
  select.value = [...select.options].find((o) => !o.disabled).value;
  $("#fb-note").value = "";
  const boxes = evidenceBoxes(verdict);
  select.onchange = () => {
    for (const [box, c] of boxes) box.checked = select.value !== "not_enough_info" && c.stance !== "neutral";
  };
  select.onchange();
  dialog.addEventListener(
    "close",
    async () => {
      if (dialog.returnValue !== "ok") return;
      const evidence = boxes.flatMap(([box], i) => (box.checked ? [i] : []));
      const note = $("#fb-note").value.trim() || null;
      const body = { claim: verdict.claim, verdict, label: select.value, note, evidence };
      try {
        const saved = await api("/feedback", { method: "POST", body });
        onSent(`Thank you: feedback #${saved.id} stored (${LABELS[saved.label]}).`, false);
      } catch (e) {
        onSent(e.message, true);
      }
    },
    { once: true },
  );
  dialog.showModal();
}

// One checkbox per citation: the sentences that become the exported claim's evidence.
function evidenceBoxes(verdict) {
  const boxes = verdict.citations.map((c, i) => {
    const box = el("input", { type: "checkbox", id: `fb-ev-${i}` });
    const words = `${c.outlet || c.title}: “${c.sentence.length > 120 ? c.sentence.slice(0, 117) + "…" : c.sentence}”`;
    return [box, c, el("div", { class: "check" }, box, el("label", { for: `fb-ev-${i}`, text: words }))];
  });
  $("#fb-evidence").hidden = !boxes.length;
  $("#fb-evidence-list").replaceChildren(...boxes.map(([, , row]) => row));
  return boxes.map(([box, c]) => [box, c]);
}

async function loadFeedback() {
  const list = await api("/feedback?limit=100");
  const rows = list.data.map((f) =>
    el(
      "tr",
      {},
      el("td", { text: f.created_at.replace("T", " ").slice(0, 16) }),
      el("td", { text: f.claim }),
      el("td", {}, badge(f.verdict_label, true)),
      el("td", {}, badge(f.label, true)),
      el("td", { text: f.note || "" }),
      el("td", { class: "meta", text: `${f.model_preset} · ${f.index_version}` }),
    ),
  );
  $("#feedback-table tbody").replaceChildren(...rows);
  say("#feedback-status", `${list.count} verdict${list.count === 1 ? "" : "s"} marked.`);
}

async function exportFeedback() {
  try {
    download(await api("/feedback/export"), "feedback.jsonl", "application/x-ndjson");
  } catch (e) {
    say("#feedback-status", e.message, true);
  }
}

// ---- the archive ---------------------------------------------------------------------------------------------

const archive = { offset: 0, limit: 20, filters: {} };

async function loadArchive() {
  const params = new URLSearchParams({ limit: archive.limit, offset: archive.offset });
  for (const [k, v] of Object.entries(archive.filters)) if (v) params.set(k, v);
  say("#archive-status", "Loading…");
  const page = await api(`/articles?${params}`);
  const rows = page.data.map((a) =>
    el(
      "tr",
      {},
      el("td", {}, el("button", { type: "button", class: "link", text: a.title, onclick: () => readArticle(a.id) })),
      el("td", { text: a.source || "" }),
      el("td", { text: (a.published_at || "").slice(0, 10) }),
      el("td", { text: a.sentences }),
      el(
        "td",
        {},
        el("button", {
          type: "button",
          class: "link",
          text: "Delete",
          "aria-label": `Delete ${a.title}`,
          onclick: () => deleteArticle(a),
        }),
      ),
    ),
  );
  $("#articles tbody").replaceChildren(...rows);
  const shown = page.data.length ? `${page.offset + 1}–${page.offset + page.data.length} of ${page.count}` : "none";
  say("#archive-status", `Articles ${shown}.`);
  $("#prev-page").disabled = page.offset === 0;
  $("#next-page").disabled = page.offset + page.data.length >= page.count;
  if (!Object.values(archive.filters).some(Boolean)) {
    const outlets = [...new Set(page.data.map((a) => a.source).filter(Boolean))].sort();
    $("#outlets").replaceChildren(...outlets.map((o) => el("option", { value: o })));
  }
}

async function readArticle(id) {
  try {
    const a = await article(id);
    const reader = $("#reader");
    reader.hidden = false;
    $("#reader-title").textContent = a.title;
    const link = a.url ? el("a", { href: a.url, target: "_blank", rel: "noopener", text: "original" }) : "";
    $("#reader-meta").replaceChildren(
      [a.source, (a.published_at || "").slice(0, 10), `${a.sentences} sentences indexed`].filter(Boolean).join(" · "),
      link ? " · " : "",
      link,
    );
    const paragraphs = a.text.split(/\n\s*\n|\n/).filter((p) => p.trim());
    $("#reader-text").replaceChildren(...paragraphs.map((p) => el("p", { text: p })));
    reader.focus();
  } catch (e) {
    say("#archive-status", e.message, true);
  }
}

async function deleteArticle(a) {
  if (!confirm(`Delete “${a.title}” from the archive? Its sentences can no longer be cited.`)) return;
  try {
    await api(`/articles/${encodeURIComponent(a.id)}`, { method: "DELETE" });
    articles.delete(a.id);
    $("#reader").hidden = true;
    await loadArchive();
    say("#archive-status", `Deleted “${a.title}”.`);
  } catch (e) {
    say("#archive-status", e.message, true);
  }
}

function slug(text) {
  const s = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return s || `article-${Date.now()}`;
}

const field = (name) => $(`#a-${name}`);

async function addArticle(event) {
  event.preventDefault();
  const title = field("title").value.trim();
  const body = { id: field("id").value.trim() || slug(title), title, text: field("text").value };
  for (const k of ["source", "url", "date"]) {
    const value = field(k).value.trim();
    if (value) body[k === "date" ? "published_at" : k] = value;
  }
  try {
    const written = await api("/articles", { method: "POST", body });
    articles.delete(written.id);
    const verb = written.status === "replaced" ? "Replaced" : written.status === "unchanged" ? "Unchanged:" : "Added";
    const dropped = written.dropped || [];
    const left = dropped.length ? ` Left out: ${dropped.map((d) => `${d.reason} (“${d.text.slice(0, 40)}”)`).join("; ")}.` : "";
    const n = written.sentences;
    say("#article-status", `${verb} “${title}”: ${n} sentence${n === 1 ? "" : "s"} indexed.${left}`);
    event.target.reset();
    await loadArchive();
  } catch (e) {
    say("#article-status", e.message, true);
  }
}

async function articleFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  const text = await file.text();
  // As the service reads a .txt file: the first non-empty line is the headline, the whole file the text.
  if (!field("title").value) field("title").value = (text.split("\n").find((l) => l.trim()) || "").trim();
  if (!field("id").value) field("id").value = file.name.replace(/\.[^.]+$/, "");
  field("text").value = text;
}

// ---- batch jobs ---------------------------------------------------------------------------------------------

const batch = { job: null, results: [] };

async function batchBody() {
  const file = $("#batch-file").files[0];
  const lines = (text) => text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (!file) return { body: { claims: lines($("#batch-claims").value) } };
  const text = await file.text();
  const ext = file.name.split(".").pop().toLowerCase();
  if (ext === "csv") return { body: text, type: "text/csv" };
  if (ext === "jsonl" || ext === "ndjson") return { body: text, type: "application/x-ndjson" };
  return { body: { claims: lines(text) } };
}

async function startBatch(event) {
  event.preventDefault();
  $("#batch-progress").hidden = false;
  say("#batch-status", "Sending the claims…");
  try {
    const { body, type } = await batchBody();
    const job = await api("/jobs", { method: "POST", body, type });
    sessionStorage.setItem(JOB, job.id); // a reload of this tab follows the same job
    await followJob(job);
  } catch (e) {
    say("#batch-status", e.message, true);
  }
}

// Show a job's results as they stream in, from the first claim, until the job is finished.
async function followJob(job) {
  const button = $("#batch-btn");
  button.disabled = true;
  batch.job = job;
  batch.results = [];
  $("#batch-progress").hidden = false;
  $("#batch-table tbody").replaceChildren();
  $("#batch-results").hidden = false;
  $("#batch-cancel").hidden = false;
  try {
    progress(0, job.total);
    await streamResults(job);
    const status = await api(`/jobs/${job.id}`);
    say("#batch-status", `Job ${status.state}: ${status.done} of ${status.total} claims, ${status.failed} without a verdict.`);
  } finally {
    button.disabled = false;
    $("#batch-cancel").hidden = true;
  }
}

async function resumeJob() {
  const id = sessionStorage.getItem(JOB);
  if (batch.job || !id) return;
  try {
    await followJob(await api(`/jobs/${encodeURIComponent(id)}`));
  } catch (e) {
    if (e.status === 404) sessionStorage.removeItem(JOB); // the service no longer has it
    else throw e;
  }
}

function progress(done, total) {
  const bar = $("#batch-bar");
  bar.max = total;
  bar.value = done;
  say("#batch-status", `${done} of ${total} claims checked…`);
}

// Results arrive as JSON Lines while the job runs; each line becomes a row at once.
async function streamResults(job) {
  const response = await api(`/jobs/${job.id}/results`, { raw: true });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      addResult(JSON.parse(line));
      progress(batch.results.length, job.total);
    }
  }
}

function addResult(r) {
  batch.results.push(r);
  const v = r.verdict;
  const status = el("span", { class: "status", role: "status" });
  const wrong = v
    ? el("button", {
        type: "button",
        class: "link",
        text: "Wrong?",
        "aria-label": `Mark the verdict on claim ${r.index + 1} wrong`,
        onclick: () => markWrong(v, (msg, err) => ((status.textContent = msg), status.classList.toggle("error", err))),
      })
    : "";
  const show = v
    ? el("button", {
        type: "button",
        class: "link",
        text: "Evidence",
        "aria-label": `Show the evidence for claim ${r.index + 1}`,
        onclick: () => {
          location.hash = "#check";
          $("#claim").value = v.claim;
          say("#check-status", `From the batch, claim ${r.index + 1}.`);
          showVerdict(v);
        },
      })
    : "";
  $("#batch-table tbody").append(
    el(
      "tr",
      { "data-index": r.index },
      el("td", { text: r.id || r.index + 1 }),
      el("td", { text: r.claim }),
      el("td", {}, v ? badge(v.label, true) : el("span", { class: "status error", text: r.error.type })),
      el("td", { text: v ? `${Math.round(v.confidence * 100)}%` : "" }),
      el("td", { text: v ? v.reason : r.error.message }),
      el("td", {}, show, " ", wrong, status),
    ),
  );
}

async function exportJob(format, name, type) {
  if (!batch.job) return;
  try {
    download(await api(`/jobs/${batch.job.id}/results?format=${format}`), name, type);
  } catch (e) {
    say("#batch-status", e.message, true);
  }
}

async function cancelJob() {
  if (!batch.job) return;
  try {
    await api(`/jobs/${batch.job.id}`, { method: "DELETE" });
  } catch (e) {
    say("#batch-status", e.message, true);
  }
}

// ---- wiring ---------------------------------------------------------------------------------------------------

function init() {
  window.addEventListener("hashchange", showTab);
  $("#check-form").addEventListener("submit", checkClaim);
  $("#claim").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) $("#check-form").requestSubmit();
  });
  $("#explain-btn").addEventListener("click", explain);
  $("#wrong-btn").addEventListener("click", () =>
    markWrong(current, (msg, err) => say("#check-status", msg, err)),
  );
  $("#archive-filter").addEventListener("submit", (e) => {
    e.preventDefault();
    archive.filters = Object.fromEntries(new FormData(e.target));
    archive.offset = 0;
    loadArchive().catch((err) => say("#archive-status", err.message, true));
  });
  const page = (step) => () => {
    archive.offset = Math.max(0, archive.offset + step * archive.limit);
    loadArchive().catch((err) => say("#archive-status", err.message, true));
  };
  $("#prev-page").addEventListener("click", page(-1));
  $("#next-page").addEventListener("click", page(1));
  $("#article-form").addEventListener("submit", addArticle);
  $("#a-file").addEventListener("change", articleFile);
  $("#batch-form").addEventListener("submit", startBatch);
  $("#batch-cancel").addEventListener("click", cancelJob);
  $("#export-csv").addEventListener("click", () => exportJob("csv", `claims-${batch.job.id}.csv`, "text/csv"));
  $("#export-claimreview").addEventListener("click", () =>
    exportJob("claimreview", `claimreview-${batch.job.id}.jsonld`, "application/ld+json"),
  );
  $("#export-feedback").addEventListener("click", exportFeedback);
  showTab();
}

init();
