// spinscope page: send the article to /api/analyze and show the spans found.
// The highlighting is shared with the explorer (highlight.js), which writes article
// text only through textContent / createTextNode, never through innerHTML.
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

  const { element, renderArticle: paintArticle, showDetails: fillDetails, renderLegend: fillLegend } = window.spinscope;

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

  function renderArticle(spans) {
    paintArticle(articleBox, result.document.text, spans, showDetails);
  }

  function renderLegend(spans) {
    fillLegend(document.querySelectorAll("#legend li"), spans);
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
      (rank === null ? "" : ` (${ordinal(rank)} percentile among PTC articles)`) + ` · ${result.run}`;
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
    fillDetails(detailsBox, spans);
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
