/* nhskg viz page: filters, search, tooltips and the facts panel over vis-network.
   Every piece of text from the data reaches the document through textContent (never innerHTML),
   so labels and quotes are shown as written and cannot become markup. */
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("nhskg-data").textContent);
  if (/(^|[#&])figure($|&)/.test(location.hash.slice(1))) document.body.classList.add("figure");
  var GLYPHS = { dot: "\u25CF", triangle: "\u25B2", triangleDown: "\u25BC", square: "\u25A0",
                 diamond: "\u25C6", hexagon: "\u2B22", star: "\u2605" };

  // ------------------------------------------------------------------ small DOM helper
  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === "text") node.textContent = props[k];
        else if (k === "cls") node.className = props[k];
        else if (k === "style") Object.assign(node.style, props[k]);
        else node[k] = props[k];
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // ------------------------------------------------------------------ indexes
  var nodeById = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  var edgeById = new Map();
  var edgesOf = new Map();
  data.nodes.forEach(function (n) { edgesOf.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) edgesOf.get(e.to).push(e);
  });
  var sourceById = new Map();
  data.sources.forEach(function (s) { sourceById.set(s.iri, s); });
  var catById = new Map();
  data.categories.forEach(function (c) { catById.set(c.key, c); });

  var kindOn = new Map(), catOn = new Map(), srcOn = new Map();
  data.kinds.forEach(function (k) { kindOn.set(k.key, true); });
  data.categories.forEach(function (c) { catOn.set(c.key, true); });
  data.sources.forEach(function (s) { srcOn.set(s.iri, true); });
  var showLone = false;

  function name(id) { var n = nodeById.get(id); return n ? n.name : id; }
  function sourceName(iri) {
    var s = sourceById.get(iri);
    if (!s) return iri;
    return s.issued ? s.title + " (" + s.issued + ")" : s.title;
  }
  function isWebLink(url) { return /^https?:\/\/[^\s]+$/i.test(url || ""); }

  // ------------------------------------------------------------------ evidence rendering
  function evidenceBlock(ev, withLink) {
    var cite = el("cite", null, "\u2014 " + sourceName(ev.source));
    var s = sourceById.get(ev.source);
    if (withLink && s && isWebLink(s.url)) {
      cite.appendChild(document.createTextNode(" "));
      cite.appendChild(el("a", { href: s.url, target: "_blank", rel: "noopener noreferrer", text: "[link]" }));
    }
    return el("blockquote", null, ev.quote ? "\u201C" + ev.quote + "\u201D" : "(cited without a quote)", cite);
  }
  function regimeTag(fact) {
    // the regime's own colour: that of its star when drawn, else of its filter entry
    var label = fact.regime ? name(fact.regime) : "no regime";
    var star = fact.regime && nodeById.get(fact.regime);
    var colour = star ? star.color.background : (catById.get(fact.regime || "none") || { colour: "#888" }).colour;
    return el("span", { cls: "tag", style: { background: colour }, text: label });
  }

  function edgeTip(e) {
    var box = el("div", { cls: "tip" },
      el("div", { cls: "head" }, name(e.from) + "  \u2192 " + e.rel + " \u2192  " + name(e.to)));
    var shown = 0;
    e.facts.forEach(function (f) {
      box.appendChild(el("div", { cls: "sub" }, "Regime: " + (f.regime ? name(f.regime) : "none")));
      f.evidence.slice(0, 2).forEach(function (ev) { if (shown < 3) { box.appendChild(evidenceBlock(ev, false)); shown++; } });
    });
    var total = e.facts.reduce(function (a, f) { return a + f.evidence.length; }, 0);
    if (total > shown) box.appendChild(el("div", { cls: "sub" }, "\u2026 " + (total - shown) + " more: click the edge"));
    return box;
  }
  function nodeTip(n) {
    return el("div", { cls: "tip" }, el("div", { cls: "head" }, n.name),
      el("div", { cls: "sub" }, n.kind + " \u00B7 " + n.deg + (n.deg === 1 ? " fact" : " facts") + (n.deg ? " \u00B7 click for evidence" : "")));
  }

  // ------------------------------------------------------------------ vis data sets
  var visNodes = new vis.DataSet(data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = nodeTip(n);
    copy.hidden = n.lone;
    return copy;
  }));
  var visEdges = new vis.DataSet(data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = edgeTip(e);
    return copy;
  }));
  var marks = { data: performance.now() - started };
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, data.options);
  marks.network = performance.now() - started;

  // ------------------------------------------------------------------ filtering
  function narrowing() {
    var off = false;
    catOn.forEach(function (v) { if (!v) off = true; });
    srcOn.forEach(function (v) { if (!v) off = true; });
    return off;
  }
  function edgeVisible(e) {
    if (!catOn.get(e.cat)) return false;
    if (e.srcs.length && !e.srcs.some(function (s) { return srcOn.get(s); })) return false;
    return kindOn.get(nodeById.get(e.from).grp) && kindOn.get(nodeById.get(e.to).grp);
  }
  function visibility() {
    var edges = new Set(), nodes = new Set();
    data.edges.forEach(function (e) { if (edgeVisible(e)) edges.add(e.id); });
    var narrow = narrowing();
    data.nodes.forEach(function (n) {
      if (!kindOn.get(n.grp)) return;
      if (n.lone) { if (showLone && !narrow) nodes.add(n.id); return; }
      if (!narrow || edgesOf.get(n.id).some(function (e) { return edges.has(e.id); })) nodes.add(n.id);
    });
    return { nodes: nodes, edges: edges };
  }
  var current = { nodes: new Set(), edges: new Set() };
  function applyFilters() {
    var vis = visibility();
    var nodeChanges = [], edgeChanges = [];
    data.nodes.forEach(function (n) {
      var hide = !vis.nodes.has(n.id);
      if (hide !== !current.nodes.has(n.id) || !applied) nodeChanges.push({ id: n.id, hidden: hide });
    });
    data.edges.forEach(function (e) {
      var hide = !vis.edges.has(e.id);
      if (hide !== !current.edges.has(e.id) || !applied) edgeChanges.push({ id: e.id, hidden: hide });
    });
    if (nodeChanges.length) visNodes.update(nodeChanges);
    if (edgeChanges.length) visEdges.update(edgeChanges);
    current = vis;
    applied = true;
    showCounts();
  }
  var applied = false;
  function drawnCounts() {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }
  function showCounts() {
    var drawn = drawnCounts();
    document.getElementById("counts").textContent = "Showing " + drawn.nodes + " of " + data.nodes.length +
      " entities and " + drawn.edges + " of " + data.edges.length + " links";
  }

  function filterRow(container, checked, onChange, mark, label, count, title) {
    var box = el("input", { type: "checkbox", checked: checked });
    box.addEventListener("change", function () { onChange(box.checked); applyFilters(); });
    var row = el("label", title ? { title: title } : null, box, mark,
      el("span", { cls: "name", text: label }), el("span", { cls: "count", text: String(count) }));
    container.appendChild(row);
    return box;
  }
  var kindBoxes = new Map();
  data.kinds.forEach(function (k) {
    var mark = el("span", { cls: "glyph", style: { color: k.colour }, text: GLYPHS[k.shape] || "\u25CF" });
    var box = filterRow(document.getElementById("kind-filters"), true, function (on) { kindOn.set(k.key, on); },
      mark, k.key, k.count);
    box.dataset.kind = k.key;
    kindBoxes.set(k.key, box);
  });
  document.getElementById("category-title").textContent = data.categoryTitle;
  data.categories.forEach(function (c) {
    var mark = el("span", { cls: "swatch" + (c.key === "none" ? " dashed" : ""), style: { borderTopColor: c.colour } });
    var box = filterRow(document.getElementById("category-filters"), true, function (on) { catOn.set(c.key, on); },
      mark, c.label, c.count);
    box.dataset.category = c.key;
  });
  var sourceBoxes = [];
  data.sources.forEach(function (s) {
    var label = s.title + (s.issued ? " (" + s.issued + ")" : "");
    var box = filterRow(document.getElementById("source-filters"), true, function (on) { srcOn.set(s.iri, on); },
      null, label, s.count, label);
    box.dataset.source = s.iri;
    sourceBoxes.push([s.iri, box]);
  });
  function setAllSources(on) {
    sourceBoxes.forEach(function (pair) { srcOn.set(pair[0], on); pair[1].checked = on; });
    applyFilters();
  }
  document.getElementById("sources-all").addEventListener("click", function () { setAllSources(true); });
  document.getElementById("sources-none").addEventListener("click", function () { setAllSources(false); });
  var lone = data.nodes.filter(function (n) { return n.lone; }).length;
  document.getElementById("lone-count").textContent = String(lone);
  document.getElementById("show-lone").addEventListener("change", function (ev) { showLone = ev.target.checked; applyFilters(); });

  // ------------------------------------------------------------------ layout freeze
  var freeze = document.getElementById("freeze");
  freeze.addEventListener("change", function () { network.setOptions({ physics: { enabled: !freeze.checked } }); });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  // ------------------------------------------------------------------ facts panel
  var details = document.getElementById("details");
  var detailsBody = document.getElementById("details-body");
  document.getElementById("details-close").addEventListener("click", function () {
    details.hidden = true; network.unselectAll();
  });
  function entityButton(id) {
    var b = el("button", { type: "button", cls: "entity", text: name(id) });
    b.addEventListener("click", function () { focusNode(id, false); });
    return b;
  }
  function factItem(e, from) {
    var line = from === e.from
      ? el("div", { cls: "line" }, el("span", { cls: "rel", text: e.rel + " \u2192 " }), entityButton(e.to))
      : el("div", { cls: "line" }, entityButton(e.from), el("span", { cls: "rel", text: " \u2192 " + e.rel }));
    if (from === null) line = el("div", { cls: "line" }, entityButton(e.from),
      el("span", { cls: "rel", text: " \u2192 " + e.rel + " \u2192 " }), entityButton(e.to));
    var item = el("li", { cls: "fact" }, line);
    e.facts.forEach(function (f) {
      var head = el("div", { cls: "sub" }, regimeTag(f));
      item.appendChild(head);
      f.evidence.forEach(function (ev) { item.appendChild(evidenceBlock(ev, true)); });
    });
    return item;
  }
  function showNode(id) {
    var n = nodeById.get(id);
    var list = el("ul");
    edgesOf.get(id).slice().sort(function (a, b) {
      return (a.rel + name(a.from === id ? a.to : a.from)).localeCompare(b.rel + name(b.from === id ? b.to : b.from));
    }).forEach(function (e) { list.appendChild(factItem(e, id)); });
    detailsBody.replaceChildren(el("h3", { text: n.name }),
      el("p", { cls: "kind", text: n.kinds.join(", ") + " \u00B7 " + n.deg + (n.deg === 1 ? " fact" : " facts") }),
      n.deg ? list : el("p", { text: "No facts about this entity in this view." }));
    details.hidden = false;
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    detailsBody.replaceChildren(el("h3", { text: e.rel }), el("ul", null, factItem(e, null)));
    details.hidden = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else details.hidden = true;
  });

  // ------------------------------------------------------------------ search
  var names = document.getElementById("entity-names");
  data.nodes.slice().sort(function (a, b) { return a.name.localeCompare(b.name); })
    .forEach(function (n) { names.appendChild(el("option", { value: n.name })); });
  var status = document.getElementById("search-status");
  function findNode(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var tests = [function (n) { return n.name.toLowerCase() === q; },
                 function (n) { return n.name.toLowerCase().indexOf(q) === 0; },
                 function (n) { return n.name.toLowerCase().indexOf(q) >= 0; }];
    for (var i = 0; i < tests.length; i++) {
      var hits = data.nodes.filter(tests[i]);
      if (hits.length) return hits.sort(function (a, b) { return b.deg - a.deg || a.name.localeCompare(b.name); })[0];
    }
    return null;
  }
  function focusNode(id, animate) {
    if (!current.nodes.has(id)) {
      status.textContent = "\u201C" + name(id) + "\u201D is hidden by the filters.";
      return false;
    }
    status.textContent = "";
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: animate === false ? false : { duration: 350 } });
    showNode(id);
    return true;
  }
  function search(text) {
    var n = findNode(text);
    if (!n) { status.textContent = "No entity matches \u201C" + text + "\u201D."; return null; }
    return focusNode(n.id) ? n.id : null;
  }
  var box = document.getElementById("search");
  box.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); search(box.value); } });
  box.addEventListener("change", function () { if (box.value) search(box.value); });

  // ------------------------------------------------------------------ start
  applyFilters();
  marks.filters = performance.now() - started;
  var api = {
    network: network, nodes: visNodes, edges: visEdges, data: data,
    drawnCounts: drawnCounts, search: search, settledMs: null, marks: marks,
    visibleNodeIds: function () { return Array.from(current.nodes); }
  };
  window.nhskg = api;
  function settled() {
    if (api.settledMs === null) api.settledMs = performance.now() - started;
    document.body.dataset.settled = "true";
  }
  if (data.layout.precomputed) {
    network.once("afterDrawing", settled);
  } else {
    freeze.checked = false;
    network.once("stabilizationIterationsDone", function () {
      marks.stabilised = performance.now() - started;
      network.setOptions({ physics: { enabled: false } });
      freeze.checked = true;
      network.fit();
      network.once("afterDrawing", settled);
    });
  }
  if (data.focus && nodeById.has(data.focus)) {
    network.once("afterDrawing", function () { focusNode(data.focus, false); });
  }
})();
