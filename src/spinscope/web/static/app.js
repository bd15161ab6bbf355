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
  const voiceSwitch = $("voice-select");
  let result = null;

  const { element, renderArticle: paintArticle, showDetails: fillDetails, renderLegend: fillLegend } = window.spinscope;

  function showError(message) {
    errorLine.textContent = message;
    errorLine.hidden = !message;
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
        headers: { "Content-Type": "application/json" },
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

  function visibleSpans() {
    const minimum = Number(slider.value), voice = voiceSwitch.value;
    return result.spans.filter((span) => span.score >= minimum && (voice === "all" || span.voice === voice));
  }

  function renderArticle(spans) {
    paintArticle(articleBox, result.document.text, spans, showDetails);
  }

  function renderLegend(spans) {
    fillLegend(document.querySelectorAll("#legend li"), spans);
  }

  function renderSummary(spans) {
    const summary = result.summary;
    $("result-title").textContent = result.document.title || "Article";
    $("result-summary").textContent =
      `${spans.length} of ${summary.spans} spans shown (score ≥ ${Number(slider.value).toFixed(2)}) · ` +
      `${(summary.density * 100).toFixed(1)}% of the text is inside a span · detector ${result.detector}`;
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
  form.addEventListener("submit", analyse);
  downloadButton.addEventListener("click", download);
})();
