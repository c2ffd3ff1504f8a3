// factgraph viewer: name completion, drawings of neighbourhoods and paths, and the SPARQL page.
// Written for this project and served from the binary; it loads nothing from anywhere else.
// Data reaches the page as text (textContent, attributes), never as markup.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";

  // ---- Colours by class -------------------------------------------------------------------
  // The server gives each class of the ontology the colour the graph exports give it; a class
  // it did not know gets one of these.
  const SPARE = ["#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#31a354", "#756bb1"];
  let classColours = {};

  function colourOf(cls) {
    if (Object.prototype.hasOwnProperty.call(classColours, cls)) return classColours[cls];
    let hash = 0;
    for (const c of String(cls)) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
    return SPARE[hash % SPARE.length];
  }

  function paintClasses(root) {
    for (const el of root.querySelectorAll("[data-class]")) {
      const colour = colourOf(el.dataset.class);
      if (el.classList.contains("class-chip")) el.style.backgroundColor = colour;
      else if (el.classList.contains("entity")) el.style.borderBottomColor = colour;
    }
  }

  // ---- Helpers ---------------------------------------------------------------------------
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function entityUrl(iri) {
    return "/view/entity?iri=" + encodeURIComponent(iri);
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  // ---- Completion ------------------------------------------------------------------------
  function setUpCompletion(input) {
    const list = input.parentElement.querySelector(".completions");
    if (!list) return;
    const mode = input.dataset.complete;
    let items = [];
    let active = -1;
    let timer = null;
    let inFlight = null;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
    }

    function choose(item) {
      if (mode === "navigate") {
        window.location.href = entityUrl(item.iri);
        return;
      }
      const sameLabel = items.filter((other) => other.label === item.label).length > 1;
      input.value = sameLabel ? item.iri : item.label;
      close();
    }

    function highlight(index) {
      active = index;
      list.querySelectorAll("li").forEach((li, i) => {
        li.setAttribute("aria-selected", i === index ? "true" : "false");
        if (i === index) li.scrollIntoView({ block: "nearest" });
      });
    }

    function show(found, typed) {
      list.replaceChildren();
      items = found;
      active = -1;
      if (found.length === 0) {
        list.append(el("li", { class: "empty" }, "No entity starts with “" + typed + "”"));
      }
      const folded = typed.toLocaleLowerCase();
      found.forEach((item, index) => {
        const li = el("li", { role: "option", "aria-selected": "false" });
        li.append(el("span", { class: "label" }, item.label));
        const chip = el("span", { class: "class-chip", "data-class": item.class }, item.class);
        chip.style.backgroundColor = colourOf(item.class);
        li.append(chip);
        if (!item.label.toLocaleLowerCase().startsWith(folded)) {
          const alias = (item.aliases || []).find((a) => a.toLocaleLowerCase().startsWith(folded));
          if (alias) li.append(el("span", { class: "alias" }, "also “" + alias + "”"));
        }
        li.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(item);
        });
        li.addEventListener("mousemove", () => highlight(index));
        list.append(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    async function lookUp() {
      const typed = input.value.trim();
      if (typed.length === 0) {
        close();
        return;
      }
      if (inFlight) inFlight.abort();
      const controller = new AbortController();
      inFlight = controller;
      try {
        const response = await fetch("/api/entities?limit=12&q=" + encodeURIComponent(typed), {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const answer = await response.json();
        if (input.value.trim() === typed) show(answer.entities || [], typed);
      } catch (err) {
        if (err.name !== "AbortError") close();
      } finally {
        if (inFlight === controller) inFlight = null;
      }
    }

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 120);
    });
    input.addEventListener("keydown", (event) => {
      if (list.hidden || items.length === 0) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + items.length) % items.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(items[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  // ---- Drawings --------------------------------------------------------------------------
  const drawnClasses = new Set();
  let markerCount = 0;

  function arrowMarker(svg, colour) {
    markerCount += 1;
    const id = "arrow-" + markerCount;
    let defs = svg.querySelector("defs");
    if (!defs) {
      defs = svgEl("defs");
      svg.prepend(defs);
    }
    const marker = svgEl("marker", {
      id: id,
      viewBox: "0 0 10 10",
      refX: 10,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: "auto-start-reverse",
    });
    marker.append(svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }));
    defs.append(marker);
    return "url(#" + id + ")";
  }

  // A force-directed layout of our own (Fruchterman–Reingold), seeded on rings by distance from
  // the centre so that the same neighbourhood is always drawn the same way.
  function layOut(nodes, links, centre) {
    const n = nodes.length;
    const byDistance = new Map();
    nodes.forEach((node) => {
      const d = node.distance || 0;
      if (!byDistance.has(d)) byDistance.set(d, []);
      byDistance.get(d).push(node);
    });
    const ring = 150;
    for (const [d, ringNodes] of byDistance) {
      ringNodes.forEach((node, i) => {
        const angle = (2 * Math.PI * i) / ringNodes.length + d * 0.7;
        node.x = d === 0 ? 0 : Math.cos(angle) * ring * d;
        node.y = d === 0 ? 0 : Math.sin(angle) * ring * d;
      });
    }
    const area = Math.max(n, 4) * 16000;
    const k = Math.sqrt(area / Math.max(n, 1));
    let temperature = k * 2;
    const iterations = 320;
    for (let step = 0; step < iterations; step++) {
      for (const node of nodes) {
        node.dx = 0;
        node.dy = 0;
      }
      for (let i = 0; i < n; i++) {
        const a = nodes[i];
        for (let j = i + 1; j < n; j++) {
          const b = nodes[j];
          let dx = a.x - b.x;
          let dy = a.y - b.y;
          let dist = Math.hypot(dx, dy);
          if (dist < 0.01) {
            dx = 0.01 * (i - j);
            dy = 0.01;
            dist = Math.hypot(dx, dy);
          }
          const force = (k * k) / dist;
          a.dx += (dx / dist) * force;
          a.dy += (dy / dist) * force;
          b.dx -= (dx / dist) * force;
          b.dy -= (dy / dist) * force;
        }
      }
      for (const link of links) {
        const a = link.source;
        const b = link.target;
        const dx = a.x - b.x;
        const dy = a.y - b.y;
        const dist = Math.max(Math.hypot(dx, dy), 0.01);
        const force = (dist * dist) / k;
        a.dx -= (dx / dist) * force;
        a.dy -= (dy / dist) * force;
        b.dx += (dx / dist) * force;
        b.dy += (dy / dist) * force;
      }
      for (const node of nodes) {
        // A pull to the middle keeps loose components in view.
        node.dx -= node.x * 0.05;
        node.dy -= node.y * 0.05;
        if (node === centre) continue;
        const moved = Math.hypot(node.dx, node.dy);
        if (moved > 0) {
          const limited = Math.min(moved, temperature);
          node.x += (node.dx / moved) * limited;
          node.y += (node.dy / moved) * limited;
        }
      }
      temperature *= 0.985;
    }
  }

  // Moves entities apart whose label boxes (the dot and the name under it) overlap, a little
  // at a time, keeping the centre where it is and every entity on the canvas.
  function separateLabels(nodes, centre, width, height, marginX, marginY) {
    const half = (node) => node.labelWidth / 2 + 6;
    const tall = 28;
    for (let round = 0; round < 120; round++) {
      let moved = false;
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i];
          const b = nodes[j];
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const overlapX = half(a) + half(b) - Math.abs(dx);
          const overlapY = tall - Math.abs(dy);
          if (overlapX <= 0 || overlapY <= 0) continue;
          moved = true;
          const [share, other] = a === centre ? [0, 1] : b === centre ? [1, 0] : [0.5, 0.5];
          if (overlapY < overlapX) {
            const push = overlapY + 1;
            const sign = dy >= 0 ? 1 : -1;
            a.y -= sign * push * share;
            b.y += sign * push * other;
          } else {
            const push = overlapX + 1;
            const sign = dx >= 0 ? 1 : -1;
            a.x -= sign * push * share;
            b.x += sign * push * other;
          }
        }
      }
      for (const node of nodes) {
        node.x = Math.min(Math.max(node.x, marginX), width - marginX);
        node.y = Math.min(Math.max(node.y, marginY), height - marginY - 16);
      }
      if (!moved) break;
    }
  }

  function drawNeighbourhood(svg, data) {
    const nodes = (data.nodes || []).map((node) => Object.assign({}, node));
    const byIri = new Map(nodes.map((node) => [node.iri, node]));
    const centre = byIri.get(data.center) || nodes[0];
    // One line per pair of entities, however many facts join them.
    const pairs = new Map();
    for (const edge of data.edges || []) {
      const a = byIri.get(edge.subject);
      const b = byIri.get(edge.object);
      if (!a || !b || a === b) continue;
      const key = a.iri < b.iri ? a.iri + "\n" + b.iri : b.iri + "\n" + a.iri;
      if (!pairs.has(key)) {
        const [first, second] = a.iri < b.iri ? [a, b] : [b, a];
        pairs.set(key, { source: first, target: second, forward: false, backward: false, predicates: [] });
      }
      const pair = pairs.get(key);
      if (pair.source === a) pair.forward = true;
      else pair.backward = true;
      if (!pair.predicates.includes(edge.predicate)) pair.predicates.push(edge.predicate);
    }
    const links = [...pairs.values()];
    const degree = new Map();
    for (const link of links) {
      degree.set(link.source, (degree.get(link.source) || 0) + 1);
      degree.set(link.target, (degree.get(link.target) || 0) + 1);
    }
    layOut(nodes, links, centre);

    const radius = (node) => (node === centre ? 12 : 6 + Math.min(6, Math.sqrt(degree.get(node) || 1) * 1.5));
    // The layout is fitted to the drawing's size on the page, so that text is drawn at its own
    // size rather than scaled with the graph.
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const node of nodes) {
      minX = Math.min(minX, node.x);
      maxX = Math.max(maxX, node.x);
      minY = Math.min(minY, node.y);
      maxY = Math.max(maxY, node.y);
    }
    if (!isFinite(minX)) minX = maxX = minY = maxY = 0;
    const width = Math.max(svg.clientWidth || svg.parentElement.clientWidth || 960, 480);
    const height = nodes.length <= 1 ? 140 : Math.round(Math.min(760, Math.max(nodes.length < 6 ? 240 : 360, 200 + nodes.length * 16)));
    const marginX = 95;
    const marginY = 30;
    // Each way fitted to the box, a stretch of at most two to one: the page is wider than tall.
    let scaleX = Math.min((width - 2 * marginX) / Math.max(maxX - minX, 1), 3);
    let scaleY = Math.min((height - 2 * marginY - 16) / Math.max(maxY - minY, 1), 3);
    scaleX = Math.min(scaleX, 2 * scaleY);
    scaleY = Math.min(scaleY, 2 * scaleX);
    for (const node of nodes) {
      node.x = width / 2 + (node.x - (minX + maxX) / 2) * scaleX;
      node.y = height / 2 - 8 + (node.y - (minY + maxY) / 2) * scaleY;
    }
    for (const node of nodes) {
      node.shown = shorten(node.label, node === centre ? 40 : 26);
      node.labelWidth = textWidth(svg, node.shown, "node-label") * (node === centre ? 1.1 : 1);
    }
    separateLabels(nodes, centre, width, height, marginX, marginY);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");

    const edgeColour = "#9aa5b1";
    const marker = arrowMarker(svg, edgeColour);
    const edgeLayer = svgEl("g", { class: "edges" });
    const labelLayer = svgEl("g", { class: "edge-labels" });
    const nodeLayer = svgEl("g", { class: "nodes" });
    svg.append(edgeLayer, labelLayer, nodeLayer);
    const showEdgeLabels = links.length <= 60;
    const linkShapes = [];
    for (const link of links) {
      const a = link.source;
      const b = link.target;
      const dist = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 0.01);
      const ux = (b.x - a.x) / dist;
      const uy = (b.y - a.y) / dist;
      const ra = radius(a) + 2;
      const rb = radius(b) + 2;
      const line = svgEl("line", {
        class: "edge",
        x1: (a.x + ux * ra).toFixed(1),
        y1: (a.y + uy * ra).toFixed(1),
        x2: (b.x - ux * rb).toFixed(1),
        y2: (b.y - uy * rb).toFixed(1),
      });
      if (link.forward) line.setAttribute("marker-end", marker);
      if (link.backward) line.setAttribute("marker-start", marker);
      const sentence = link.predicates
        .map((p) => (link.forward ? a.label + " —" + p + "→ " + b.label : b.label + " —" + p + "→ " + a.label))
        .join("\n");
      line.append(svgEl("title", {}, sentence));
      edgeLayer.append(line);
      let label = null;
      if (showEdgeLabels) {
        label = svgEl(
          "text",
          { class: "edge-label", x: ((a.x + b.x) / 2).toFixed(1), y: ((a.y + b.y) / 2 - 3).toFixed(1), "text-anchor": "middle" },
          shorten(link.predicates.join(", "), 28)
        );
        labelLayer.append(label);
      }
      linkShapes.push({ link, line, label });
    }
    for (const node of nodes) {
      drawnClasses.add(node.class);
      const link = svgEl("a", { href: entityUrl(node.iri) });
      const group = svgEl("g", { class: node === centre ? "node center" : "node" });
      group.append(svgEl("title", {}, node.label + " (" + node.class + ")"));
      group.append(svgEl("circle", { cx: node.x.toFixed(1), cy: node.y.toFixed(1), r: radius(node).toFixed(1), fill: colourOf(node.class) }));
      const text = svgEl(
        "text",
        { class: "node-label", x: node.x.toFixed(1), y: (node.y + radius(node) + 13).toFixed(1), "text-anchor": "middle" },
        node.shown
      );
      if (node === centre) text.setAttribute("font-weight", "700");
      group.append(text);
      link.append(group);
      nodeLayer.append(link);
      node.shape = group;
      // Hovering an entity brings out its own facts.
      group.addEventListener("mouseenter", () => {
        const near = new Set([node]);
        for (const shape of linkShapes) {
          const touches = shape.link.source === node || shape.link.target === node;
          if (touches) {
            near.add(shape.link.source);
            near.add(shape.link.target);
          }
          shape.line.classList.toggle("dim", !touches);
          if (shape.label) shape.label.classList.toggle("dim", !touches);
        }
        for (const other of nodes) other.shape.classList.toggle("dim", !near.has(other));
      });
      group.addEventListener("mouseleave", () => {
        for (const shape of linkShapes) {
          shape.line.classList.remove("dim");
          if (shape.label) shape.label.classList.remove("dim");
        }
        for (const other of nodes) other.shape.classList.remove("dim");
      });
    }
  }

  function textWidth(svg, text, cls) {
    const probe = svgEl("text", { class: cls, x: 0, y: 0 }, text);
    svg.append(probe);
    const width = probe.getComputedTextLength();
    probe.remove();
    return width;
  }

  // A path as a row of boxes, each fact an arrow in its true direction.
  function drawChain(svg, data) {
    const nodes = data.nodes || [];
    const hops = data.hops || [];
    svg.setAttribute("viewBox", "0 0 100 100");
    const boxHeight = 40;
    const widths = nodes.map((node) => Math.max(80, textWidth(svg, node.label, "box-label") + 28));
    const gaps = hops.map((hop) => Math.max(90, textWidth(svg, hop.predicate, "edge-label") + 40));
    const pad = 6;
    let x = pad;
    const boxes = nodes.map((node, i) => {
      const box = { x: x, width: widths[i], node: node };
      x += widths[i] + (i < gaps.length ? gaps[i] : 0);
      return box;
    });
    const width = x + pad;
    const height = boxHeight + 2 * pad + 22;
    svg.setAttribute("viewBox", "0 0 " + width.toFixed(1) + " " + height);
    svg.setAttribute("preserveAspectRatio", "xMinYMid meet");
    // Short chains keep their natural size instead of being blown up to the page's width.
    svg.style.maxWidth = Math.ceil(width * 1.1) + "px";
    const marker = arrowMarker(svg, "#5b6878");
    const y = pad + 22;
    hops.forEach((hop, i) => {
      const from = boxes[i];
      const to = boxes[i + 1];
      const x1 = from.x + from.width + 3;
      const x2 = to.x - 3;
      const line = svgEl("line", { class: "edge", x1: x1.toFixed(1), y1: y + boxHeight / 2, x2: x2.toFixed(1), y2: y + boxHeight / 2 });
      line.setAttribute(hop.forward ? "marker-end" : "marker-start", marker);
      svg.append(line);
      svg.append(svgEl("text", { class: "edge-label", x: ((x1 + x2) / 2).toFixed(1), y: y + boxHeight / 2 - 7, "text-anchor": "middle" }, hop.predicate));
    });
    for (const box of boxes) {
      drawnClasses.add(box.node.class);
      const colour = colourOf(box.node.class);
      const link = svgEl("a", { href: entityUrl(box.node.iri) });
      link.append(svgEl("title", {}, box.node.label + " (" + box.node.class + ")"));
      link.append(svgEl("rect", { x: box.x.toFixed(1), y: y, width: box.width.toFixed(1), height: boxHeight, rx: 8, fill: colour, "fill-opacity": 0.16, stroke: colour, "stroke-width": 2 }));
      link.append(svgEl("circle", { cx: (box.x + 11).toFixed(1), cy: y + boxHeight / 2, r: 4.5, fill: colour }));
      link.append(svgEl("text", { class: "node-label", x: (box.x + box.width / 2 + 6).toFixed(1), y: y + boxHeight / 2 + 4.5, "text-anchor": "middle", "font-size": 13, "font-weight": 600 }, box.node.label));
      svg.append(link);
    }
  }

  function drawAll() {
    for (const svg of document.querySelectorAll("svg[data-graph]")) {
      const source = document.getElementById(svg.dataset.graph);
      if (!source) continue;
      const data = JSON.parse(source.textContent);
      if (data.kind === "chain") drawChain(svg, data);
      else drawNeighbourhood(svg, data);
    }
    for (const legend of document.querySelectorAll(".legend")) {
      legend.replaceChildren();
      for (const cls of [...drawnClasses].sort()) {
        const item = el("span", { class: "legend-item" });
        const swatch = el("span", { class: "swatch" });
        swatch.style.backgroundColor = colourOf(cls);
        item.append(swatch, document.createTextNode(cls));
        legend.append(item);
      }
    }
  }

  // ---- SPARQL page -----------------------------------------------------------------------
  function setUpSparql(form) {
    const textarea = form.querySelector("textarea");
    const status = document.getElementById("status");
    const results = document.getElementById("results");
    const prefixes = JSON.parse(document.getElementById("prefixes-data").textContent);
    const entityBase = form.dataset.entityBase;
    const articleBase = form.dataset.articleBase;

    function compact(iri) {
      for (const [name, namespace] of prefixes) {
        if (iri.startsWith(namespace) && /^[\w-]+$/u.test(iri.slice(namespace.length))) {
          return name + ":" + iri.slice(namespace.length);
        }
      }
      return iri;
    }

    function iriCell(iri) {
      const shown = compact(iri);
      if (iri.startsWith(articleBase)) {
        const article = iri.split("/fact/")[0];
        return el("a", { href: "/view/article?iri=" + encodeURIComponent(article), title: iri }, shown);
      }
      const vocabulary = prefixes.some(([, namespace]) => iri.startsWith(namespace)) && !iri.startsWith(entityBase);
      if (vocabulary) return el("code", { title: iri }, shown);
      return el("a", { href: entityUrl(iri), title: iri }, shown);
    }

    function cell(term) {
      const td = el("td");
      if (!term) return td;
      if (term.type === "uri") td.append(iriCell(term.value));
      else if (term.type === "bnode") td.append(el("code", {}, "_:" + term.value));
      else {
        td.append(document.createTextNode(term.value));
        const note = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? compact(term.datatype) : "";
        if (note && note !== "xsd:string") td.append(" ", el("span", { class: "literal-type" }, note));
      }
      return td;
    }

    async function run() {
      const query = textarea.value;
      const started = performance.now();
      status.className = "status";
      status.textContent = "Running…";
      results.replaceChildren();
      const url = new URL(window.location.href);
      url.searchParams.set("query", query);
      window.history.replaceState(null, "", url.pathname + url.search);
      let response;
      try {
        response = await fetch(form.dataset.endpoint, {
          method: "POST",
          headers: {
            "Content-Type": "application/sparql-query",
            Accept: "application/sparql-results+json, text/turtle;q=0.9",
          },
          body: query,
        });
      } catch (err) {
        status.className = "status failed";
        status.textContent = "The server did not answer: " + err.message;
        return;
      }
      const elapsed = Math.round(performance.now() - started);
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        status.className = "status failed";
        status.textContent = (await response.text()).trim();
        return;
      }
      if (!type.startsWith("application/sparql-results+json")) {
        status.textContent = "A graph, in " + elapsed + " ms:";
        results.append(el("pre", {}, await response.text()));
        return;
      }
      const answer = await response.json();
      if (typeof answer.boolean === "boolean") {
        status.textContent = "Answer, in " + elapsed + " ms:";
        results.append(el("p", { class: "boolean" }, String(answer.boolean)));
        return;
      }
      const vars = answer.head.vars || [];
      const rows = answer.results.bindings || [];
      status.textContent = rows.length + " row" + (rows.length === 1 ? "" : "s") + " in " + elapsed + " ms";
      const table = el("table", { class: "results-table" });
      const head = el("tr");
      for (const name of vars) head.append(el("th", {}, "?" + name));
      table.append(el("thead"));
      table.tHead.append(head);
      const body = el("tbody");
      for (const row of rows) {
        const tr = el("tr");
        for (const name of vars) tr.append(cell(row[name]));
        body.append(tr);
      }
      table.append(body);
      results.append(table);
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run();
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run();
      }
    });
    if (new URL(window.location.href).searchParams.has("query")) run();
  }

  function start() {
    const colours = document.getElementById("class-colours");
    if (colours) classColours = JSON.parse(colours.textContent);
    paintClasses(document);
    for (const input of document.querySelectorAll("input[data-complete]")) setUpCompletion(input);
    drawAll();
    const sparql = document.querySelector("form.sparql-form");
    if (sparql) setUpSparql(sparql);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
