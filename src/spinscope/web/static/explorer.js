// The corpus explorer's pages: each fetches its JSON from /api/corpus and writes every value
// with textContent (or SVG text nodes), never innerHTML; links to articles' sources are made
// only for http(s) URLs.
"use strict";

(function () {
  const { element, renderArticle, showDetails, renderLegend } = window.spinscope;
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  const PALETTE = ["#2f5da8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b",
                   "#2c3e50", "#e84393"];

  function showError(message) {
    const line = $("error");
    line.textContent = message;
    line.hidden = !message;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const data = await response.json().catch(() => ({ error: "HTTP " + response.status }));
    if (!response.ok) throw new Error(data.error || "HTTP " + response.status);
    return data;
  }

  function link(href, text, className) {
    const anchor = element("a", className, text);
    anchor.href = href;
    return anchor;
  }

  function cell(text, className) {
    return element("td", className, text);
  }

  function fixed(value, digits) {
    return value === null || value === undefined ? "—" : Number(value).toFixed(digits);
  }

  function interval(rate) {
    return rate.low === null ? "—" : fixed(rate.low, 2) + "–" + fixed(rate.high, 2);
  }

  function articleHref(id, search) {
    return "/explorer/articles/" + encodeURIComponent(id) + (search || "");
  }

  function listHref(params) {
    const query = new URLSearchParams(params).toString();
    return "/explorer/articles" + (query ? "?" + query : "");
  }

  // Only http(s) addresses become links: a stored URL such as javascript:… stays text.
  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (failure) {
      return null;
    }
  }

  // -- overview -----------------------------------------------------------------------

  async function overview() {
    const data = await getJSON("/api/corpus/outlets");
    const detector = data.detector ? data.detector.name + " " + data.detector.version : "none";
    $("overview-summary").textContent = data.message ||
      `${data.articles.toLocaleString("en")} analysed articles in ${data.outlets.length} outlets · detector ${detector}`;
    $("interval-method").textContent = data.interval;
    const body = document.querySelector("#outlets tbody");
    body.replaceChildren();
    for (const outlet of data.outlets) {
      const row = element("tr");
      const name = element("td");
      name.append(link(listHref({ outlet: outlet.outlet }), outlet.outlet, "outlet-link"));
      row.append(name, cell(outlet.articles.toLocaleString("en"), "num"), cell(fixed(outlet.rate.rate, 2), "num"),
                 cell(interval(outlet.rate), "num"));
      body.append(row);
    }
    techniqueTable(data.outlets);
    const select = $("trend-technique");
    select.addEventListener("change", () => trend(select.value).catch((e) => showError(e.message)));
    await trend(select.value);
  }

  function techniqueTable(outlets) {
    const head = document.querySelector("#technique-rates thead"), body = document.querySelector("#technique-rates tbody");
    const top = element("tr");
    top.append(element("th", null, "Technique"));
    outlets.forEach((outlet) => top.append(element("th", "num", outlet.outlet)));
    head.replaceChildren(top);
    body.replaceChildren();
    if (!outlets.length) return;
    outlets[0].techniques.forEach((technique, i) => {
      const row = element("tr");
      const name = element("td");
      name.append(link("/explorer/techniques/" + encodeURIComponent(technique.technique), technique.name));
      row.append(name);
      for (const outlet of outlets) {
        const rate = outlet.techniques[i].rate;
        row.append(cell(fixed(rate.rate, 2) + (rate.low === null ? "" : " (" + interval(rate) + ")"), "num"));
      }
      body.append(row);
    });
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, String(value)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function trend(technique) {
    const data = await getJSON("/api/corpus/trends" + (technique ? "?technique=" + encodeURIComponent(technique) : ""));
    const box = $("trend-chart"), legend = $("trend-legend");
    box.replaceChildren();
    legend.replaceChildren();
    if (!data.months.length) {
      box.append(element("p", "hint", "No dated articles to draw."));
      return;
    }
    const width = 900, height = 280, left = 48, right = 12, top = 12, bottom = 36;
    const highest = Math.max(0.001, ...data.series.flatMap((s) => s.points.map((p) => p.rate)));
    const x = (i) => left + (data.months.length === 1 ? 0.5 : i / (data.months.length - 1)) * (width - left - right);
    const y = (value) => top + (1 - value / highest) * (height - top - bottom);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "trend" });
    chart.append(svg("line", { x1: left, y1: y(0), x2: width - right, y2: y(0), class: "axis" }));
    [0, highest / 2, highest].forEach((value) =>
      chart.append(svg("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end", class: "tick" }, value.toFixed(1))));
    const step = Math.max(1, Math.ceil(data.months.length / 12));
    data.months.forEach((month, i) => {
      if (i % step === 0) chart.append(svg("text", { x: x(i), y: height - 12, "text-anchor": "middle", class: "tick" }, month));
    });
    const index = new Map(data.months.map((month, i) => [month, i]));
    data.series.forEach((series, n) => {
      const colour = PALETTE[n % PALETTE.length];
      const points = series.points.map((p) => `${x(index.get(p.month)).toFixed(1)},${y(p.rate).toFixed(1)}`);
      const line = svg("polyline", { points: points.join(" "), fill: "none", stroke: colour, "stroke-width": 2,
                                     class: "series" });
      line.append(svg("title", {}, series.outlet));
      chart.append(line);
      const item = element("li");
      const swatch = element("span", "swatch");
      swatch.style.background = colour;
      item.append(swatch, document.createTextNode(series.outlet));
      legend.append(item);
    });
    box.append(chart);
  }

  // -- article list -------------------------------------------------------------------

  async function articles() {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of Array.from(params.entries())) if (!value) params.delete(key);
    const data = await getJSON("/api/corpus/documents?" + params.toString());
    const body = document.querySelector("#documents tbody");
    body.replaceChildren();
    for (const article of data.documents) {
      const row = element("tr");
      const title = element("td");
      title.append(link(articleHref(article.id, location.search), article.title || article.id, "article-link"));
      row.append(cell(article.published || "—"), cell(article.outlet || "—"), title,
                 cell(article.words.toLocaleString("en"), "num"), cell(String(article.spans), "num"),
                 cell(fixed(article.density, 1), "num"));
      body.append(row);
    }
    const onPage = data.documents.length;
    $("list-summary").textContent = onPage ? `${onPage} articles on this page` +
      (data.next_cursor ? ", more on the next" : "") : "No analysed article matches these filters.";
    const next = $("next-page"), first = $("first-page");
    next.hidden = !data.next_cursor;
    if (data.next_cursor) {
      const more = new URLSearchParams(params);
      more.set("cursor", data.next_cursor);
      next.href = listHref(more);
    }
    first.hidden = !params.has("cursor");
    const unpaged = new URLSearchParams(params);
    unpaged.delete("cursor");
    first.href = listHref(unpaged);
    $("csv-link").href = "/api/corpus/documents.csv" + (unpaged.toString() ? "?" + unpaged.toString() : "");
  }

  // -- one article --------------------------------------------------------------------

  async function article() {
    const view = $("article-view");
    const data = await getJSON("/api/corpus/documents/" + encodeURIComponent(view.dataset.documentId));
    const doc = data.document;
    document.title = (doc.title || "Article") + " — spinscope";
    $("result-title").textContent = doc.title || doc.id;
    const meta = $("article-meta");
    meta.replaceChildren(document.createTextNode([doc.outlet || "unknown outlet", doc.published || "undated"].join(" · ")));
    const source = doc.url ? safeUrl(doc.url) : null;
    if (source) {
      meta.append(document.createTextNode(" · "));
      const anchor = link(source, "source", "source-link");
      anchor.rel = "noopener noreferrer";
      meta.append(anchor);
    } else if (doc.url) {
      meta.append(document.createTextNode(" · " + doc.url));
    }
    $("result-summary").textContent = data.status === "ok"
      ? `${data.summary.spans} spans · ${(data.summary.density * 100).toFixed(1)}% of the text is inside a span · detector ${data.detector}`
      : `not shown with spans: ${data.status}${data.error ? " (" + data.error + ")" : ""}`;
    const details = $("details");
    renderArticle($("article"), doc.text, data.spans, (spans) => showDetails(details, spans));
    renderLegend(document.querySelectorAll("#legend li"), data.spans);
  }

  // -- technique examples -------------------------------------------------------------

  async function technique() {
    const view = $("technique-view");
    if (!view) return;
    const id = view.dataset.technique, outlet = $("example-outlet").value;
    $("technique-switch").addEventListener("change", (event) => {
      location.href = "/explorer/techniques/" + encodeURIComponent(event.target.value) + location.search;
    });
    const data = await getJSON(`/api/corpus/techniques/${encodeURIComponent(id)}/examples` +
                               (outlet ? "?outlet=" + encodeURIComponent(outlet) : ""));
    const list = $("examples");
    list.replaceChildren();
    for (const example of data.examples) {
      const item = element("li", "example");
      item.append(link(articleHref(example.document_id, ""), example.text, "example-text"),
                  element("span", "example-meta", ` score ${example.score.toFixed(2)} · ${example.voice} · ` +
                          `${example.outlet || "unknown outlet"} · ${example.published || "undated"} · ` +
                          (example.title || example.document_id)));
      list.append(item);
    }
    $("examples-summary").textContent = data.examples.length
      ? `${data.examples.length} distinct phrases, strongest first` : "No span of this technique here.";
  }

  const pages = { overview, articles, article, technique };
  const run = pages[document.body.dataset.page];
  // body[data-ready] tells tests and benchmarks that the page has drawn its data.
  if (run) {
    run().then(() => { document.body.dataset.ready = "ok"; },
               (failure) => { showError(failure.message); document.body.dataset.ready = "error"; });
  }
})();
