// The Sweep page: segments and their candles (or the simulator), the parameters to vary, a sweep run
// in the background and polled to its end, then a sortable results table, a heatmap of two varied
// parameters, and "open as backtest" for a row.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 700;
  const { request, post } = Api;

  // The metrics a row has, in the command's column order; for each, whether a higher value is better.
  const METRICS = [
    { key: "trades", label: "Trades", higher: true },
    { key: "winRate", label: "Win rate %", higher: true },
    { key: "netPnl", label: "Net ₹", higher: true },
    { key: "maxDrawdown", label: "Max drawdown ₹", higher: false },
    { key: "profitFactor", label: "Profit factor", higher: true },
    { key: "returnPct", label: "Return %", higher: true },
    { key: "dailySharpe", label: "Daily Sharpe", higher: true },
  ];
  // Paths a trader varies most; any configuration path may be typed.
  const SEGMENT_PATHS = ["StopLossPoints", "TrailingStopPoints", "ItmOffsetPoints", "PyramidPoints", "LotAddition", "MaxTradesPerDay"];
  const STRATEGY_PATHS = ["Strategy.RsiPeriod", "Strategy.PriceStrength.Length", "Strategy.VolumeStrength.Length", "Strategy.Timeframe"];

  let config = null;
  let files = [];
  let sweep = null;
  let sort = { column: null, descending: true };

  const isNum = (v) => typeof v === "number" && Number.isFinite(v);
  const number = (v) => (isNum(v) ? v.toLocaleString("en-IN", { maximumFractionDigits: 2 }) : "—");
  const say = (message, kind) => { const m = $("sw-message"); m.textContent = message || ""; m.dataset.kind = kind || ""; };
  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };

  // ---------- setup ----------
  async function load() {
    const [c, s] = await Promise.all([request("api/config"), request("api/backtest/sources")]);
    if (!c.ok) { say(`The configuration is not available: ${c.json.error || `HTTP ${c.status}`}.`, "bad"); $("run-sweep").disabled = true; return; }
    config = c.json;
    files = s.ok && Array.isArray(s.json.files) ? s.json.files.filter((f) => f.segment && !f.error) : [];
    const boxes = $("sw-segments");
    for (const seg of config.segments || []) {
      const id = `sw-segment-${seg.name}`;
      const box = el("input", { type: "checkbox", id, value: seg.name });
      box.checked = seg.name === "NIFTY";
      box.addEventListener("change", showFiles);
      const label = el("label", { class: "check", for: id });
      label.append(box, document.createTextNode(` ${seg.name}`));
      boxes.append(label);
    }
    const paths = $("sw-paths");
    for (const seg of config.segments || []) for (const p of SEGMENT_PATHS) paths.append(el("option", { value: `Segments.${seg.name}.${p}` }));
    for (const p of STRATEGY_PATHS) paths.append(el("option", { value: p }));
    addAxis("Segments.NIFTY.StopLossPoints", "list", "30,40,50");
    addAxis("Strategy.RsiPeriod", "range", "", 9, 14, 5);
    if (files.length === 0) {
      // Nothing on disk: the simulator's history lets a first sweep run at once.
      $("sw-source").value = "sim";
      const day = (d) => d.toISOString().slice(0, 10);
      const to = new Date(Date.now() - 86400000);
      $("sw-to").value = day(to);
      $("sw-from").value = day(new Date(to.getTime() - 13 * 86400000));
    } else {
      const nifty = files.find((f) => f.segment === "NIFTY") || files[0];
      $("sw-to").value = String(nifty.last).slice(0, 10);
      const d = new Date(`${$("sw-to").value}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 13);
      $("sw-from").value = d.toISOString().slice(0, 10);
    }
    onSource();
  }

  const chosenSegments = () => [...document.querySelectorAll("#sw-segments input:checked")].map((b) => b.value);

  function onSource() {
    const sim = $("sw-source").value === "sim";
    $("sw-source-hint").textContent = sim
      ? "The simulator's generated candles for every checked segment: a try-out, not market data."
      : files.length ? "Each checked segment runs on its chosen file (or the first covering the dates)." : "No candle files in the data folder: use the simulator, or download history first.";
    showFiles();
  }

  function showFiles() {
    const box = $("sw-files");
    box.textContent = "";
    if ($("sw-source").value === "sim") return;
    for (const seg of chosenSegments()) {
      const id = `sw-file-${seg}`;
      const select = el("select", { id });
      select.append(new Option("The first file covering the dates", ""));
      for (const f of files.filter((x) => x.segment === seg))
        select.append(new Option(`${f.name} (${String(f.first).slice(0, 10)} – ${String(f.last).slice(0, 10)})`, f.name));
      const wrap = el("div", { class: "field" });
      wrap.append(el("label", { for: id }, `${seg} candles`), select, el("p", { class: "error", "data-error-for": `files.${seg}` }));
      box.append(wrap);
    }
  }

  let axisCount = 0;
  function addAxis(name, mode, values, from, to, step) {
    const n = axisCount++;
    const row = el("div", { class: "axis-row", "data-axis": String(n) });
    const nameInput = el("input", { type: "text", id: `sw-axis-name-${n}`, list: "sw-paths", value: name || "", autocomplete: "off", spellcheck: "false" });
    const modeSelect = el("select", { id: `sw-axis-mode-${n}` });
    modeSelect.append(new Option("List", "list"), new Option("Range", "range"));
    modeSelect.value = mode || "list";
    const list = el("input", { type: "text", id: `sw-axis-values-${n}`, value: values || "", placeholder: "30,40,50" });
    const range = el("div", { class: "range" });
    const num = (suffix, value, label) => el("input", { type: "number", step: "any", id: `sw-axis-${suffix}-${n}`, value: value ?? "", "aria-label": label, placeholder: label });
    range.append(num("from", from, "from"), num("to", to, "to"), num("step", step, "step"));
    const values$ = el("div", { class: "field" });
    values$.append(el("label", { for: list.id }, "Values"), list, range);
    const field = (label, control) => { const w = el("div", { class: "field" }); w.append(el("label", { for: control.id }, label), control); return w; };
    const remove = el("button", { type: "button", class: "danger", "aria-label": `Remove parameter ${n + 1}` }, "Remove");
    remove.addEventListener("click", () => { row.remove(); count(); });
    const show = () => { const isRange = modeSelect.value === "range"; list.hidden = isRange; range.hidden = !isRange; count(); };
    modeSelect.addEventListener("change", show);
    for (const input of [nameInput, list, ...range.children]) input.addEventListener("input", count);
    const error = el("p", { class: "error", id: `sw-axis-error-${n}` });
    const nameField = field("Parameter", nameInput);
    nameField.append(error);
    row.append(nameField, field("Values as", modeSelect), values$, remove);
    $("sw-axes").append(row);
    show();
  }

  /** The axes as the API takes them: {name, values} or {name, from, to, step}. */
  function axes() {
    return [...document.querySelectorAll("#sw-axes .axis-row")].map((row) => {
      const n = row.dataset.axis;
      const name = $(`sw-axis-name-${n}`).value.trim();
      if ($(`sw-axis-mode-${n}`).value === "list")
        return { name, values: $(`sw-axis-values-${n}`).value.split(",").map((v) => v.trim()).filter((v) => v) };
      const v = (s) => { const t = $(`sw-axis-${s}-${n}`).value; return t === "" ? null : Number(t); };
      return { name, from: v("from"), to: v("to"), step: v("step") };
    });
  }

  function valueCount(a) {
    if (a.values) return a.values.length;
    if (![a.from, a.to, a.step].every(isNum) || a.step <= 0 || a.to < a.from) return 0;
    return Math.floor((a.to - a.from) / a.step + 1e-9) + 1;
  }

  function count() {
    const sets = axes().reduce((p, a) => p * valueCount(a), 1);
    $("sw-count").textContent = `${sets} parameter set${sets === 1 ? "" : "s"} in the grid`;
  }

  // ---------- run ----------
  function clearErrors() {
    for (const p of document.querySelectorAll("#sw-form .error")) p.textContent = "";
  }

  function showErrors(errors) {
    const rest = [];
    const rows = [...document.querySelectorAll("#sw-axes .axis-row")];
    for (const [key, message] of Object.entries(errors || {})) {
      const slot = document.querySelector(`#sw-form [data-error-for="${CSS.escape(key)}"]`);
      if (slot) { slot.textContent = message; continue; }
      // vary.NAME (or vary[i]) goes beside that parameter.
      const m = /^vary(?:\.(.+)|\[(\d+)\])$/.exec(key);
      const row = m && (m[2] !== undefined ? rows[Number(m[2])] : rows.find((r) => $(`sw-axis-name-${r.dataset.axis}`).value.trim().toLowerCase() === m[1].toLowerCase()));
      if (row) $(`sw-axis-error-${row.dataset.axis}`).textContent = message;
      else rest.push(`${key}: ${message}`);
    }
    return rest;
  }

  function body() {
    const b = { segments: chosenSegments(), source: $("sw-source").value, from: $("sw-from").value || null, to: $("sw-to").value || null, vary: axes() };
    if ($("sw-sample").value) b.sample = Number($("sw-sample").value);
    if ($("sw-seed").value) b.seed = Number($("sw-seed").value);
    if (b.source === "files") {
      b.files = {};
      for (const seg of b.segments) { const s = $(`sw-file-${seg}`); if (s && s.value) b.files[seg] = s.value; }
    }
    return b;
  }

  function setRunning(running) {
    $("run-sweep").disabled = running;
    for (const f of ["sw-data", "sw-sampling", "sw-vary"]) $(f).disabled = running;
  }

  $("sw-source").addEventListener("change", onSource);
  $("sw-add-axis").addEventListener("click", () => addAxis("", "list", ""));

  $("sw-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors();
    setRunning(true);
    $("sw-progress").hidden = false;
    $("sw-progress").value = 0;
    say("Starting sweep…");
    const r = await post("api/sweeps", body());
    if (!r.ok || !r.json.id) {
      setRunning(false);
      const rest = r.json.errors ? showErrors(r.json.errors) : [];
      say(r.json.errors ? `Not started: fix the marked fields.${rest.length ? ` ${rest.join("; ")}` : ""}` : (r.json.message || r.json.error || `Sweep refused (HTTP ${r.status}).`), "bad");
      return;
    }
    poll(r.json.id);
  });

  async function poll(id) {
    const r = await request(`api/sweeps/${encodeURIComponent(id)}`);
    if (!r.ok) { setRunning(false); say(`Lost the sweep ${id}: ${r.json.message || r.json.error || `HTTP ${r.status}`}`, "bad"); return; }
    const run = r.json;
    $("sw-progress").value = isNum(run.progress) ? run.progress : 0;
    $("sw-state").textContent = `Sweep ${run.state} · ${run.done || 0}/${run.total || run.sets || "?"}`;
    if (run.state === "running" || run.state === "queued") {
      say(run.state === "queued" ? "Waiting for the sweep before it…" : `Running… ${run.done || 0} of ${run.total || "?"} sets done`);
      setTimeout(() => poll(id), POLL_MS);
      return;
    }
    setRunning(false);
    if (run.state === "failed") { say(`Sweep failed: ${run.error || "no reason given"}`, "bad"); return; }
    $("sw-progress").value = 1;
    sweep = run;
    sort = { column: null, descending: true };
    say(`Done: ${run.rows.length} parameter sets.`, "ok");
    const a = $("sw-download");
    a.href = `api/sweeps/${encodeURIComponent(id)}/results.csv`;
    a.removeAttribute("aria-disabled");
    showTable();
    setupHeatmap();
  }

  // ---------- table ----------
  /** Column c: a varied parameter (its index) or a metric key. */
  const columns = () => [...sweep.axes.map((name, i) => ({ id: `axis-${i}`, label: name, value: (row) => cellValue(row.values[i]), axis: true })),
    ...METRICS.map((m) => ({ id: m.key, label: m.label, value: (row) => row[m.key], metric: m }))];
  const cellValue = (text) => { const n = Number(text); return text !== "" && Number.isFinite(n) ? n : text; };
  const compare = (a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)));

  function showTable() {
    const table = $("sw-table");
    const cols = columns();
    const head = table.tHead.rows[0];
    head.textContent = "";
    for (const c of cols) {
      const th = el("th", { scope: "col", class: c.axis ? "" : "num", "data-column": c.id });
      if (sort.column === c.id) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      const button = el("button", { type: "button", class: "sort", title: `Sort by ${c.label}` }, c.label);
      button.addEventListener("click", () => {
        sort = sort.column === c.id ? { column: c.id, descending: !sort.descending } : { column: c.id, descending: !c.axis };
        showTable();
      });
      th.append(button);
      head.append(th);
    }
    head.append(el("th", { scope: "col" }, "Backtest"));
    let rows = [...sweep.rows];
    const by = cols.find((c) => c.id === sort.column);
    if (by) rows.sort((a, b) => (sort.descending ? -1 : 1) * compare(by.value(a), by.value(b)));
    const bodyEl = table.tBodies[0];
    bodyEl.textContent = "";
    for (const row of rows) {
      const tr = el("tr", { "data-hash": row.paramHash });
      for (const c of cols) {
        const v = c.value(row);
        const cls = c.axis ? "" : `num ${c.metric.key === "netPnl" || c.metric.key === "returnPct" ? (v > 0 ? "pos" : v < 0 ? "neg" : "") : ""}`;
        tr.append(el("td", { class: cls.trim() || null, "data-column": c.id, "data-value": String(v) }, c.axis ? String(v) : number(v)));
      }
      const open = el("button", { type: "button", class: "open-backtest", title: `Backtest these parameters (run ${row.runHash.slice(0, 12)}) and see its trades` }, "Open as backtest");
      open.addEventListener("click", () => openAsBacktest(row, open));
      const cell = el("td");
      cell.append(open);
      tr.append(cell);
      bodyEl.append(tr);
    }
    $("sw-row-count").textContent = `(${rows.length})`;
  }

  async function openAsBacktest(row, button) {
    button.disabled = true;
    const r = await post(`api/sweeps/${encodeURIComponent(sweep.id)}/rows/${encodeURIComponent(row.paramHash)}/backtest`);
    button.disabled = false;
    if (!r.ok || !r.json.page) { say(`Could not open the row as a backtest: ${r.json.message || r.json.error || `HTTP ${r.status}`}`, "bad"); return; }
    window.location.href = r.json.page;
  }

  // ---------- heatmap ----------
  function setupHeatmap() {
    const x = $("sw-heat-x"), y = $("sw-heat-y"), metric = $("sw-heat-metric");
    for (const s of [x, y]) {
      s.textContent = "";
      sweep.axes.forEach((name, i) => s.append(new Option(name, String(i))));
    }
    if (!metric.options.length) for (const m of METRICS) metric.append(new Option(m.label, m.key));
    if (!metric.value) metric.value = "netPnl";
    x.value = "0";
    y.value = sweep.axes.length > 1 ? "1" : "0";
    showHeatmap();
  }

  function showHeatmap() {
    const table = $("sw-heat");
    const bodyEl = table.tBodies[0];
    bodyEl.textContent = "";
    const note = $("sw-heat-note");
    if (!sweep || !sweep.axes.length) return;
    const xi = Number($("sw-heat-x").value), yi = Number($("sw-heat-y").value);
    const m = METRICS.find((k) => k.key === $("sw-heat-metric").value) || METRICS[2];
    const distinct = (i) => [...new Set(sweep.rows.map((r) => r.values[i]))].sort((a, b) => compare(cellValue(a), cellValue(b)));
    const xs = distinct(xi), ys = distinct(yi);
    // Several sets share a cell when other parameters vary too: the cell shows the best of them.
    const cells = new Map();
    for (const r of sweep.rows) {
      const key = `${r.values[yi]}\u0000${r.values[xi]}`;
      const cell = cells.get(key) || { best: null, sets: 0 };
      const v = r[m.key];
      cell.sets++;
      if (cell.best === null || (m.higher ? v > cell.best : v < cell.best)) cell.best = v;
      cells.set(key, cell);
    }
    const most = Math.max(...[...cells.values()].map((c) => c.sets));
    note.hidden = most <= 1;
    note.textContent = most > 1
      ? `Each cell holds up to ${most} parameter sets (the other varied parameters): it shows the best ${m.label} of them (${m.higher ? "the highest" : "the lowest"}).`
      : "";
    const values = [...cells.values()].map((c) => c.best);
    const lo = Math.min(...values), hi = Math.max(...values);
    const head = el("tr");
    head.append(el("th", { scope: "col" }, `${sweep.axes[yi]} ↓ · ${sweep.axes[xi]} →`));
    for (const xv of xs) head.append(el("th", { scope: "col", class: "num" }, xv));
    bodyEl.append(head);
    for (const yv of ys) {
      const tr = el("tr");
      tr.append(el("th", { scope: "row" }, yv));
      for (const xv of xs) {
        const cell = cells.get(`${yv}\u0000${xv}`);
        if (!cell) { tr.append(el("td", { class: "cell empty" }, "—")); continue; }
        const td = el("td", { class: "cell", "data-value": String(cell.best), "data-sets": String(cell.sets),
          title: `${sweep.axes[xi]}=${xv}, ${sweep.axes[yi]}=${yv}: ${m.label} ${number(cell.best)}${cell.sets > 1 ? ` (best of ${cell.sets} sets)` : ""}` }, number(cell.best));
        td.style.background = colour(cell.best, lo, hi, m.higher);
        tr.append(td);
      }
      bodyEl.append(tr);
    }
  }

  /** Red (worst) through pale yellow to green (best). */
  function colour(v, lo, hi, higher) {
    const t = hi === lo ? 0.5 : (v - lo) / (hi - lo);
    const good = higher ? t : 1 - t;
    const hue = Math.round(good * 120);
    return `hsl(${hue}, 70%, 78%)`;
  }

  for (const id of ["sw-heat-x", "sw-heat-y", "sw-heat-metric"]) $(id).addEventListener("change", showHeatmap);

  $("sw-download").addEventListener("click", async (ev) => {
    ev.preventDefault();
    if (!ev.currentTarget.getAttribute("href")) { $("sw-download-message").textContent = "Run a sweep first."; return; }
    await Api.download(ev.currentTarget, $("sw-download-message"));
  });

  load();
})();
