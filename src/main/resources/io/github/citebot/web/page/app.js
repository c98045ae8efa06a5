// citebot's chat page. Everything from the server or the user is put on the page as text (textContent,
// createTextNode), never parsed as HTML; the Content-Security-Policy forbids inline script besides.
"use strict";

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("question");
const send = document.getElementById("send");
const status = document.getElementById("status");
let conversation = newId();

// The ask form sticks to the bottom of the screen: keep what scrolls into view (a new answer, a focused
// citation) above it rather than behind it.
const footer = document.querySelector("footer");
new ResizeObserver(() => {
  document.documentElement.style.scrollPaddingBottom = footer.offsetHeight + "px";
}).observe(footer);
let turns = 0;

function newId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes); // works on plain http too, unlike crypto.randomUUID
  return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

async function getJson(url, options) {
  const response = await fetch(url, options);
  let body;
  try {
    body = await response.json();
  } catch (e) {
    body = { error: "the server sent no JSON (HTTP " + response.status + ")" };
  }
  return { ok: response.ok, status: response.status, body };
}

// ---- readiness -------------------------------------------------------------------------------------------

async function watchHealth() {
  try {
    const { body } = await getJson("api/health");
    if (body.status === "ready") {
      status.textContent = "Ready: " + body.articles + " articles, " + body.sentences + " sentences.";
      return;
    }
    status.textContent = body.total > 0
      ? "Indexing the articles: " + body.embedded + "/" + body.total + " sentences embedded\u2026"
      : "Indexing the articles\u2026";
  } catch (e) {
    status.textContent = "The server does not answer; retrying\u2026";
  }
  setTimeout(watchHealth, 1000);
}

// ---- asking ----------------------------------------------------------------------------------------------

form.addEventListener("submit", async event => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question || send.disabled) return;
  input.value = "";
  send.disabled = true;
  const turn = ++turns;
  const item = el("li", "turn");
  item.appendChild(el("p", "question", question));
  const pending = el("p", "pending", "Searching the articles\u2026");
  item.appendChild(pending);
  log.appendChild(item);
  try {
    const { ok, body } = await getJson("api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, conversation })
    });
    item.replaceChild(ok ? renderAnswer(body, turn) : renderError(body.error || "error"), pending);
  } catch (e) {
    item.replaceChild(renderError("The server does not answer. Try again."), pending);
  } finally {
    send.disabled = false;
    item.scrollIntoView({ block: "nearest" });
    input.focus();
  }
});

document.getElementById("new-conversation").addEventListener("click", () => {
  log.replaceChildren();
  conversation = newId();
  turns = 0;
  status.textContent = "New conversation started.";
  input.focus();
});

function renderError(message) {
  const box = el("div", "answer error");
  box.appendChild(el("p", "answer-text", message));
  return box;
}

function renderAnswer(answer, turn) {
  const box = el("div", answer.answered ? "answer" : "answer refusal");
  const text = el("p", "answer-text");
  // "[n]" markers become links to their citation; the rest stays text.
  answer.answer.split(/(\[\d+\])/).forEach(part => {
    const m = /^\[(\d+)\]$/.exec(part);
    if (m && answer.citations.some(c => c.n === Number(m[1]))) {
      const a = el("a", "marker", part);
      a.href = "#t" + turn + "-c" + m[1];
      text.appendChild(a);
    } else if (part) {
      text.appendChild(document.createTextNode(part));
    }
  });
  box.appendChild(text);
  if (!answer.answered) return box;
  box.appendChild(el("p", "confidence", "confidence " + answer.confidence.toFixed(2)));
  const list = el("ol", "citations");
  list.setAttribute("aria-label", "Sources");
  answer.citations.forEach(c => list.appendChild(renderCitation(c, turn)));
  box.appendChild(list);
  return box;
}

function renderCitation(c, turn) {
  const item = el("li", "citation");
  item.id = "t" + turn + "-c" + c.n;
  item.value = c.n;
  const details = el("details");
  const summary = el("summary");
  summary.appendChild(el("span", "sentence", "\u201c" + c.sentence + "\u201d"));
  summary.appendChild(el("span", "meta", [c.outlet, c.title, c.published].filter(Boolean).join(" \u00b7 ")));
  details.appendChild(summary);
  const body = el("div", "citation-body");
  details.appendChild(body);
  details.addEventListener("toggle", () => {
    if (details.open && !body.dataset.loaded) {
      body.dataset.loaded = "yes";
      loadContext(c, body);
    }
  });
  item.appendChild(details);
  return item;
}

async function loadContext(c, body) {
  const paragraph = el("p", "paragraph");
  body.appendChild(paragraph);
  if (c.url && /^https?:\/\//i.test(c.url)) {
    const link = el("a", "source-link", "Read the article");
    link.href = c.url;
    link.rel = "noopener noreferrer";
    body.appendChild(el("p")).appendChild(link);
  }
  body.appendChild(el("p", "meta", "Source file: " + c.source));
  const whyButton = el("button", "small why-button", "Why this sentence?");
  whyButton.type = "button";
  whyButton.setAttribute("aria-expanded", "false");
  const why = renderWhy(c);
  why.hidden = true;
  whyButton.addEventListener("click", () => {
    why.hidden = !why.hidden;
    whyButton.setAttribute("aria-expanded", String(!why.hidden));
  });
  body.appendChild(whyButton);
  body.appendChild(why);
  try {
    const query = "source=" + encodeURIComponent(c.source) + "&sentence=" + encodeURIComponent(c.sentence);
    const { ok, body: ctx } = await getJson("api/context?" + query);
    if (!ok) {
      paragraph.textContent = ctx.error || "The paragraph is not available.";
      return;
    }
    ctx.paragraph.forEach((s, i) => {
      if (i > 0) paragraph.appendChild(document.createTextNode(" "));
      paragraph.appendChild(s.cited ? el("mark", null, s.text) : document.createTextNode(s.text));
    });
  } catch (e) {
    paragraph.textContent = "The paragraph is not available.";
  }
}

// The evidence the REPL's :why shows: how the sentence ranked in each search.
function renderWhy(c) {
  const dl = el("dl", "why");
  const e = c.evidence || {};
  const rows = [
    ["Relevance score", c.score.toFixed(3)],
    ["Dense (embedding) search", e.dense_rank ? "rank " + e.dense_rank + ", cosine similarity " + e.dense_score.toFixed(3) : "not returned"],
    ["BM25 (keyword) search", e.bm25_rank ? "rank " + e.bm25_rank + ", BM25 score " + e.bm25_score.toFixed(2) : "not returned"]
  ];
  rows.forEach(([term, value]) => {
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  });
  return dl;
}

watchHealth();
input.focus();
