// spinscope page: send the article to /api/analyze and show the spans found.
// Article text only ever reaches the page through textContent / createTextNode,
// never through innerHTML, so markup inside an article is shown, not run.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("analyse-form"), textBox = $("text-input"), urlBox = $("url-input");
  const button = $("analyse-button"), statusLine = $("status"), errorLine = $("error");
  const resultBox = $("result"), articleBox = $("article"), detailsBox = $("details");
  const slider = $("score-slider"), sliderValue = $("score-value"), downloadButton = $("download-button");
  const voiceSwitch = $("voice-select"), possibleToggle = $("possible-toggle");
  const possibleLine = $("possible-line"), possibleButton = $("possible-button");
  let result = null;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showError(message) {
    errorLine.textContent = message;
    errorLine.hidden = !message;
  }

  // A server bound beyond this machine needs its token on /api/*: open the page as
  // /?token=… once; the token is kept for this tab only and never put in a URL again.
  function serverToken() {
    const given = new URLSearchParams(window.location.search).get("token");
    if (given) {
      sessionStorage.setItem("spinscope-token", given);
      history.replaceState(null, "", window.location.pathname);
    }
    return sessionStorage.getItem("spinscope-token") || "";
  }
  const token = serverToken();

  function apiHeaders() {
    const headers = { "Content-Type": "application/json" };
    if (token) headers["X-Spinscope-Token"] = token;
    return headers;
  }

  function requestBody() {
    const url = urlBox.value.trim();
    return url ? { url: url } : { text: textBox.value };
  }

  async function analyse(event) {
    event.preventDefault();
    showError("");
    button.disabled = true;
    statusLine.textContent = "Analysing…";
    try {
      const response = await fetch("/api/analyze", {
        method: "POST",
        headers: apiHeaders(),
        body: JSON.stringify(requestBody()),
      });
      const data = await response.json().catch(() => ({ error: "HTTP " + response.status }));
      if (!response.ok) {
        statusLine.textContent = "";
        showError(data.error || "HTTP " + response.status);
        return;
      }
      result = data;
      statusLine.textContent = "Done.";
      render();
    } catch (failure) {
      statusLine.textContent = "";
      showError("Could not reach the spinscope server: " + failure.message);
    } finally {
      button.disabled = false;
    }
  }

  // Spans passing the slider and the voice switch, of both levels.
  function passingSpans() {
    const minimum = Number(slider.value), voice = voiceSwitch.value;
    return result.spans.filter((span) => span.score >= minimum && (voice === "all" || span.voice === voice));
  }

  // What the page shows: likely spans, and possible ones too when the switch is on.
  function visibleSpans() {
    return passingSpans().filter((span) => possibleToggle.checked || span.level === "likely");
  }

  // Share of the text's characters inside at least one of the spans.
  function density(spans, length) {
    let covered = 0, reach = 0;
    spans.slice().sort((a, b) => a.start - b.start).forEach((span) => {
      if (span.end > reach) { covered += span.end - Math.max(span.start, reach); reach = span.end; }
    });
    return length ? covered / length : 0;
  }

  // Where a density stands among the PTC articles (ties count half), as the API computes it.
  function percentile(value, quantiles) {
    if (!quantiles.length) return null;
    const below = quantiles.filter((q) => q < value).length, equal = quantiles.filter((q) => q === value).length;
    return Math.round(1000 * (below + equal / 2) / quantiles.length) / 10;
  }

  function ordinal(value) {
    const n = Math.round(value), teen = n % 100 >= 10 && n % 100 <= 20;
    return n + (teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th"));
  }

  // Cut the text at every span boundary; each piece knows every span covering it.
  function segments(length, spans) {
    const cuts = new Set([0, length]);
    spans.forEach((span) => { cuts.add(span.start); cuts.add(span.end); });
    const points = Array.from(cuts).sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i], end = points[i + 1];
      pieces.push({ start: start, end: end,
                    spans: spans.filter((span) => span.start < end && start < span.end) });
    }
    return pieces;
  }

  // A darker shade of a catalogue colour (#rrggbb), for the underline bars.
  function darker(hex) {
    const channels = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.6));
    return "rgb(" + channels.join(", ") + ")";
  }

  // The pastel colour fills the background (stripes where spans overlap), and every span
  // covering the piece adds its own dark bar below it, so none is hidden by another.
  function paint(node, spans) {
    const colours = spans.map((span) => span.colour);
    if (colours.length === 1) {
      node.style.background = colours[0];
    } else {
      const stops = colours.map((c, i) => `${c} ${i * 6}px ${(i + 1) * 6}px`).join(", ");
      node.style.background = `repeating-linear-gradient(135deg, ${stops})`;
    }
    node.style.boxShadow = colours.map((c, i) => `0 ${2 * (i + 1)}px 0 0 ${darker(c)}`).join(", ");
  }

  // "outlet", or "quoted: Vladimir Putin" / "reported" when the text names no speaker.
  function voiceLabel(span) {
    return span.speaker ? span.voice + ": " + span.speaker : span.voice;
  }

  function highlight(piece, text) {
    const mark = element("mark", "span", text);
    mark.tabIndex = 0;
    mark.dataset.techniques = piece.spans.map((span) => span.technique).join(" ");
    mark.title = piece.spans.map((span) => span.name + " (" + voiceLabel(span) + ")").join(" + ");
    if (piece.spans.length > 1) mark.classList.add("overlap");
    if (piece.spans.every((span) => span.voice !== "outlet")) mark.classList.add("not-outlet");
    mark.dataset.voice = piece.spans.map((span) => span.voice).join(" ");
    paint(mark, piece.spans);
    const show = () => showDetails(piece.spans);
    mark.addEventListener("mouseenter", show);
    mark.addEventListener("focus", show);
    mark.addEventListener("click", show);
    return mark;
  }

  function renderArticle(spans) {
    // Offsets are Python character (code point) offsets: index code points, not UTF-16 units.
    const characters = Array.from(result.document.text);
    articleBox.replaceChildren();
    for (const piece of segments(characters.length, spans)) {
      const text = characters.slice(piece.start, piece.end).join("");
      articleBox.append(piece.spans.length ? highlight(piece, text) : document.createTextNode(text));
    }
  }

  function renderLegend(spans) {
    const counts = {};
    spans.forEach((span) => { counts[span.technique] = (counts[span.technique] || 0) + 1; });
    document.querySelectorAll("#legend li").forEach((row) => {
      const count = counts[row.dataset.technique] || 0;
      row.querySelector(".legend-count").textContent = String(count);
      row.classList.toggle("absent", count === 0);
    });
  }

  // The summary follows the slider, the voice switch and the level switch: count, density
  // of the spans shown, and that density's percentile among the PTC articles.
  function renderSummary(spans) {
    const summary = result.summary, all = possibleToggle.checked;
    const shown = density(spans, Array.from(result.document.text).length);
    const rank = percentile(shown, all ? summary.reference_densities : summary.reference_likely_densities);
    $("result-title").textContent = result.document.title || "Article";
    $("result-summary").textContent =
      `${spans.length} ${all ? "" : "likely "}spans shown of ${summary.spans} (score ≥ ` +
      `${Number(slider.value).toFixed(2)}) · ${(shown * 100).toFixed(1)}% of the text is inside a span shown` +
      (rank === null ? "" : ` (${ordinal(rank)} percentile among PTC articles)`) + ` · detector ${result.detector}`;
    const hidden = all ? 0 : passingSpans().length - spans.length;
    possibleLine.hidden = hidden === 0;
    $("possible-count").textContent = `${hidden} more possible span${hidden === 1 ? "" : "s"} —`;
  }

  function render() {
    if (!result) return;
    const spans = visibleSpans();
    renderArticle(spans);
    renderLegend(spans);
    renderSummary(spans);
    resetDetails();
    resultBox.hidden = false;
    downloadButton.disabled = false;
  }

  function resetDetails() {
    detailsBox.replaceChildren(element("p", "hint",
      "Hover over or click a highlighted passage to see its technique, score and definition."));
  }

  function showDetails(spans) {
    detailsBox.replaceChildren();
    for (const span of spans) {
      const card = element("div", "detail");
      card.style.borderLeftColor = span.colour;
      card.append(element("h3", "detail-name", span.name),
                  element("p", "detail-score", span.level + " · score " + span.score.toFixed(2) +
                          (span.technique_score === null ? "" : " · technique " + span.technique_score.toFixed(2))),
                  element("p", "detail-voice", voiceLabel(span)),
                  element("p", "detail-definition", span.definition),
                  element("blockquote", "detail-text", span.text));
      detailsBox.append(card);
    }
  }

  function download() {
    if (!result) return;
    const blob = new Blob([JSON.stringify(result, null, 2)], { type: "application/json" });
    const link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = `spinscope-${result.document.id}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  slider.addEventListener("input", () => {
    sliderValue.textContent = Number(slider.value).toFixed(2);
    render();
  });
  voiceSwitch.addEventListener("change", render);
  possibleToggle.addEventListener("change", render);
  possibleButton.addEventListener("click", () => { possibleToggle.checked = true; render(); });
  form.addEventListener("submit", analyse);
  downloadButton.addEventListener("click", download);
})();
