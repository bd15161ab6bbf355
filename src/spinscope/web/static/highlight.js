// The highlighted article, shared by the analyser page (app.js) and the explorer (explorer.js).
// Article text only ever reaches the page through textContent / createTextNode, never
// through innerHTML, so markup inside an article is shown, not run.
"use strict";

window.spinscope = (function () {
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
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

  function highlight(piece, text, onShow) {
    const mark = element("mark", "span", text);
    mark.tabIndex = 0;
    mark.dataset.techniques = piece.spans.map((span) => span.technique).join(" ");
    mark.title = piece.spans.map((span) => span.name + " (" + voiceLabel(span) + ")").join(" + ");
    if (piece.spans.length > 1) mark.classList.add("overlap");
    if (piece.spans.every((span) => span.voice !== "outlet")) mark.classList.add("not-outlet");
    mark.dataset.voice = piece.spans.map((span) => span.voice).join(" ");
    paint(mark, piece.spans);
    const show = () => onShow(piece.spans);
    mark.addEventListener("mouseenter", show);
    mark.addEventListener("focus", show);
    mark.addEventListener("click", show);
    return mark;
  }

  // The text into `box`, the spans highlighted; `onShow(spans)` runs on hover, focus and click.
  function renderArticle(box, text, spans, onShow) {
    // Offsets are Python character (code point) offsets: index code points, not UTF-16 units.
    const characters = Array.from(text);
    box.replaceChildren();
    for (const piece of segments(characters.length, spans)) {
      const part = characters.slice(piece.start, piece.end).join("");
      box.append(piece.spans.length ? highlight(piece, part, onShow) : document.createTextNode(part));
    }
  }

  // "likely · score 0.62 · technique 0.48" (a span without a technique score leaves it out).
  function scoreLine(span) {
    const level = span.level ? span.level + " · " : "";
    const technique = span.technique_score === null || span.technique_score === undefined
      ? "" : " · technique " + span.technique_score.toFixed(2);
    return level + "score " + span.score.toFixed(2) + technique;
  }

  // One card per span: name, level and scores, voice, definition and the span's text.
  function showDetails(box, spans) {
    box.replaceChildren();
    for (const span of spans) {
      const card = element("div", "detail");
      card.style.borderLeftColor = span.colour;
      card.append(element("h3", "detail-name", span.name),
                  element("p", "detail-score", scoreLine(span)),
                  element("p", "detail-voice", voiceLabel(span)),
                  element("p", "detail-definition", span.definition),
                  element("blockquote", "detail-text", span.text));
      box.append(card);
    }
  }

  // Legend rows (li[data-technique] with a .legend-count) show how many spans are shown.
  function renderLegend(rows, spans) {
    const counts = {};
    spans.forEach((span) => { counts[span.technique] = (counts[span.technique] || 0) + 1; });
    rows.forEach((row) => {
      const count = counts[row.dataset.technique] || 0;
      row.querySelector(".legend-count").textContent = String(count);
      row.classList.toggle("absent", count === 0);
    });
  }

  return { element, segments, voiceLabel, renderArticle, showDetails, renderLegend };
})();
