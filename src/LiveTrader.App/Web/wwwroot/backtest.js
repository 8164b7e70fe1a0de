// The Backtest page: the shared parameter form, a data source and date range, a run polled to its
// end, then summary, trades, equity and drawdown, downloads; and a paper day against its backtest.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 700;

  let form = null;
  let config = null;
  let sources = { files: [], kite: { available: false } };
  let lastRun = null;
  let openedRun = null; // a run opened from a sweep row (backtest?run=ID)

  const isNum = (v) => typeof v === "number" && Number.isFinite(v);
  const rupees = (v) => (isNum(v) ? v.toLocaleString("en-IN", { maximumFractionDigits: 2 }) : "—");
  const pct = (v) => (isNum(v) ? `${v.toLocaleString("en-IN", { maximumFractionDigits: 2 })}%` : "—");
  const signClass = (v) => (isNum(v) ? (v > 0 ? "pos" : v < 0 ? "neg" : "") : "");
  const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/;
  const say = (message, kind) => { const m = $("bt-message"); m.textContent = message || ""; m.dataset.kind = kind || ""; };

  const { request, post } = Api;
  const refusal = (r, what) => r.json.error || `${what} refused (HTTP ${r.status}).`;
  // Kite's token lapses every morning: a refusal that says so offers the login button.
  const offerLogin = (json) => { $("bt-kite-login").hidden = !(json && json.loginRequired && json.login); };

  const td = (value, cls) => { const c = document.createElement("td"); c.textContent = value; if (cls) c.className = cls; return c; };
  const th = (value, cls, scope = "col") => { const c = document.createElement("th"); c.scope = scope; c.textContent = value; if (cls) c.className = cls; return c; };
  function messageRow(table, text) {
    const body = table.tBodies[0];
    body.textContent = "";
    const tr = document.createElement("tr");
    const cell = td(text, "muted");
    cell.colSpan = table.tHead ? table.tHead.rows[0].cells.length : 1;
    tr.append(cell);
    body.append(tr);
  }

  // ---------- setup ----------
  async function loadConfig() {
    form = await Params.load($("params"), { live: false });
    if (!form) {
      $("run-backtest").disabled = true;
      return;
    }
    config = form.config;
  }

  async function loadSources() {
    const select = $("bt-source");
    const r = await request("api/backtest/sources");
    select.textContent = "";
    if (!r.ok) {
      select.append(new Option("No data sources available", ""));
      select.disabled = true;
      $("bt-source-hint").textContent = r.status === 404
        ? "Backtest data sources are not available on this server yet."
        : `Data sources not available: ${r.json.error || `HTTP ${r.status}`}`;
      $("run-backtest").disabled = true;
      say("Backtests are not available on this server yet.", "warn");
      return;
    }
    sources = { files: Array.isArray(r.json.files) ? r.json.files : [], kite: r.json.kite || { available: false } };
    const bySegment = new Map();
    for (const f of sources.files) {
      const seg = f.segment || "Other";
      if (!bySegment.has(seg)) bySegment.set(seg, []);
      bySegment.get(seg).push(f);
    }
    for (const [seg, files] of bySegment) {
      const group = document.createElement("optgroup");
      group.label = `${seg} candle files`;
      for (const f of files) {
        const range = f.first && f.last ? ` (${String(f.first).slice(0, 10)} – ${String(f.last).slice(0, 10)})` : "";
        const tf = f.timeframe ? ` ${Params.TIMEFRAME_LABELS[f.timeframe] || f.timeframe}` : "";
        const opt = new Option(`${f.name}${tf ? ` ·${tf}` : ""}${range}`, f.name);
        opt.dataset.segment = seg;
        group.append(opt);
      }
      select.append(group);
    }
    if (sources.files.length) select.prepend(new Option("Data folder: each checked segment on its file covering the dates", "auto"));
    const kite = new Option(sources.kite.available ? "Kite historical data" : "Kite historical data (log in to Kite first)", "kite");
    kite.disabled = !sources.kite.available;
    select.append(kite);
    select.append(new Option("Simulator's generated history (no files, no account)", "sim"));
    select.disabled = false;
    if (sources.files.length === 0 && !sources.kite.available) {
      // A first run: nothing on disk and no login, so the simulator's history lets the page run at once.
      select.value = "sim";
      if (!$("bt-from").value || !$("bt-to").value) {
        const day = (d) => d.toISOString().slice(0, 10);
        const to = new Date(Date.now() - 86400000);
        $("bt-to").value = day(to);
        $("bt-from").value = day(new Date(to.getTime() - 13 * 86400000));
      }
      onSourceChange(true);
      return;
    }
    // Segments without a candle file cannot run on files: leave them unchecked to begin with.
    if (form && sources.files.length) {
      for (const seg of config.segments || []) {
        const box = $(`segment-${seg.name}`);
        if (box && !sources.files.some((f) => f.segment === seg.name)) box.checked = false;
      }
    }
    // Start on one NIFTY file (its dates prefill the range), else any file.
    const first = sources.files.find((f) => f.segment === "NIFTY") || sources.files[0];
    select.value = first ? first.name : "kite";
    onSourceChange(true);
  }

  const fileNamed = (name) => sources.files.find((f) => f.name === name);

  function onSourceChange(initial) {
    const value = $("bt-source").value;
    const hint = $("bt-source-hint");
    const from = $("bt-from"), to = $("bt-to");
    if (value === "kite" || value === "auto" || value === "sim") {
      hint.textContent = value === "kite"
        ? "Candles from Kite's historical API for every checked segment."
        : value === "sim"
          ? "The simulator's generated candles for every checked segment: a try-out, not market data. For real candles put CSVs in the data folder (the history command downloads them) or log in to Kite."
          : "Each checked segment runs on the first of its files in the data folder that covers the dates.";
      from.removeAttribute("min"); from.removeAttribute("max"); to.removeAttribute("min"); to.removeAttribute("max");
      return;
    }
    const f = fileNamed(value);
    if (!f) { hint.textContent = ""; return; }
    const first = f.first ? String(f.first).slice(0, 10) : "";
    const last = f.last ? String(f.last).slice(0, 10) : "";
    for (const input of [from, to]) { if (first) input.min = first; if (last) input.max = last; }
    if (f.segment) {
      hint.textContent = `${f.segment} only, on this file: ${first} to ${last}.`;
      // One file is one segment's data: that segment alone runs on it.
      for (const seg of config.segments || []) {
        const box = $(`segment-${seg.name}`);
        if (box) box.checked = seg.name === f.segment;
      }
    } else {
      hint.textContent = `This file's name says no index (${first} to ${last}): check the one segment whose candles it holds.`;
    }
    // The server's warnings on the file (dropped or off-grid candles) are the trader's to read before running.
    if (Array.isArray(f.warnings) && f.warnings.length) hint.textContent += ` Warning: ${f.warnings.join("; ")}.`;
    const outside = (d) => !d || (first && d < first) || (last && d > last);
    if (initial || outside(from.value) || outside(to.value)) {
      // Default: the file's last month (the whole file when shorter).
      let start = first;
      if (last) {
        const d = new Date(`${last}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() - 30);
        const monthBack = d.toISOString().slice(0, 10);
        if (!first || monthBack > first) start = monthBack;
      }
      from.value = start || "";
      to.value = last || "";
    }
  }

  // ---------- run ----------
  function validate() {
    const errors = form.validate();
    const source = $("bt-source").value;
    const chosen = fileNamed(source);
    if (!source) errors.source = "choose a data source";
    else if (chosen && !chosen.segment && form.selectedSegments().length !== 1)
      errors.segments = "this file names no index: check exactly the one segment it holds";
    else if (source !== "kite" && source !== "sim") {
      // Segments the chosen file does not feed need a file of their own in the folder.
      const segs = form.selectedSegments().filter((seg) => !(chosen && (!chosen.segment || chosen.segment === seg)));
      const missing = segs.filter((s) => !sources.files.some((f) => f.segment === s));
      if (missing.length) errors.segments = `no candle file for ${missing.join(", ")} in the data folder`;
    }
    const from = $("bt-from").value, to = $("bt-to").value;
    if (!from) errors.from = "choose the first day";
    if (!to) errors.to = "choose the last day";
    if (from && to && to < from) errors.to = "must not be before From";
    return errors;
  }

  function requestBody() {
    const source = $("bt-source").value;
    const segments = form.selectedSegments();
    const body = { ...form.collect(), segments, from: $("bt-from").value, to: $("bt-to").value };
    if (source === "kite" || source === "sim") body.source = source;
    else if (source === "auto") body.source = "files"; // the server picks each segment's file for the dates
    else {
      body.source = "files";
      const chosen = fileNamed(source);
      body.files = {};
      // A segment checked besides the chosen file's gets the server's pick for the dates.
      if (chosen && segments.includes(chosen.segment)) body.files[chosen.segment] = chosen.name;
      else if (chosen && !chosen.segment) body.files[segments[0]] = chosen.name; // validated: exactly one segment
    }
    return body;
  }

  function setRunning(running) {
    $("run-backtest").disabled = running;
    $("bt-progress").hidden = !running && !lastRun;
    if (form) form.setDisabled(running);
    $("bt-data").disabled = running;
  }

  $("bt-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!form) return;
    const errors = validate();
    if (Object.keys(errors).length) {
      const rest = form.showErrors(errors);
      say(`Not started: fix the marked fields.${rest.length ? ` ${rest.join("; ")}` : ""}`, "bad");
      return;
    }
    form.clearErrors();
    const body = requestBody();
    setRunning(true);
    $("bt-progress").hidden = false;
    $("bt-progress").value = 0;
    say("Starting backtest…");
    offerLogin(null);
    const r = await post("api/backtest/start", body);
    if (!r.ok || !r.json.id) {
      setRunning(false);
      offerLogin(r.json);
      if (r.json.errors) {
        const rest = form.showErrors(r.json.errors);
        say(`Not started: fix the marked fields.${rest.length ? ` ${rest.join("; ")}` : ""}`, "bad");
      } else say(r.status === 404 ? "Backtests are not available on this server yet." : refusal(r, "Backtest"), "bad");
      return;
    }
    poll(r.json.id);
  });

  async function poll(id) {
    const r = await request(`api/backtest/${encodeURIComponent(id)}`);
    if (!r.ok) {
      setRunning(false);
      say(`Lost the backtest ${id}: ${refusal(r, "Status")}`, "bad");
      return;
    }
    const run = r.json;
    const progress = isNum(run.progress) ? Math.max(0, Math.min(1, run.progress)) : 0;
    $("bt-progress").value = progress;
    $("bt-state").textContent = `Backtest ${run.state || "?"} · ${Math.round(progress * 100)}%`;
    if (run.state === "running" || run.state === "queued") {
      say(`Running… ${Math.round(progress * 100)}%`);
      setTimeout(() => poll(id), POLL_MS);
      return;
    }
    lastRun = run;
    setRunning(false);
    if (run.state === "failed") {
      say(`Backtest failed: ${run.error || "no reason given"}`, "bad");
      offerLogin(run);
      $("bt-state").dataset.state = "bad";
      return;
    }
    $("bt-progress").value = 1;
    $("bt-state").dataset.state = "ok";
    const total = run.total || {};
    say(`Done: ${isNum(total.trades) ? total.trades : (run.trades || []).length} trades, net ${isNum(total.netPnl) && total.netPnl < 0 ? "−" : ""}₹${rupees(isNum(total.netPnl) ? Math.abs(total.netPnl) : null)}.`, "ok");
    showRun(run);
    if (run.id === openedRun) await fillFromParameters(run.id);
  }

  // ---------- results ----------
  function bestWorst(v) {
    if (isNum(v)) return [rupees(v), signClass(v)];
    if (v && typeof v === "object") {
      const value = [v.netPnl, v.pnl, v.value, v.amount].find(isNum);
      const day = v.day || v.date || "";
      return [`${rupees(value)}${day ? ` (${String(day).slice(0, 10)})` : ""}`, signClass(value)];
    }
    return ["—", ""];
  }

  function summaryCells(s, withDays) {
    s = s || {};
    const winRate = isNum(s.winRatePct) ? s.winRatePct : isNum(s.trades) && s.trades > 0 && isNum(s.wins) ? 100 * s.wins / s.trades : null;
    const dd = isNum(s.maxDrawdown) ? `${rupees(s.maxDrawdown)}${isNum(s.maxDrawdownPct) ? ` (${pct(s.maxDrawdownPct)})` : ""}` : "—";
    const cells = [
      [isNum(s.trades) ? String(s.trades) : "—", "num"],
      [pct(winRate), "num"],
      [rupees(s.grossPnl), `num ${signClass(s.grossPnl)}`],
      [rupees(s.charges), "num"],
      [rupees(s.netPnl), `num ${signClass(s.netPnl)}`],
      [dd, "num"],
      [pct(s.returnOnCapitalPct), `num ${signClass(s.returnOnCapitalPct)}`],
    ];
    if (withDays) {
      const [best, bc] = bestWorst(s.bestDay);
      const [worst, wc] = bestWorst(s.worstDay);
      cells.push([best, `num ${bc}`], [worst, `num ${wc}`]);
    }
    return cells.map(([v, c]) => td(v, c));
  }

  function showSummary(run) {
    const body = $("bt-summary").tBodies[0];
    body.textContent = "";
    for (const seg of run.segments || []) {
      const tr = document.createElement("tr");
      tr.append(th(seg.segment, "", "row"), ...summaryCells(seg.summary, true));
      body.append(tr);
    }
    if (run.total) {
      const tr = document.createElement("tr");
      tr.className = "total";
      tr.append(th("Total", "", "row"), ...summaryCells(run.total, true));
      body.append(tr);
    }
    if (!body.rows.length) messageRow($("bt-summary"), "The run returned no summary.");
  }

  // Trade rows: the API's own field names, shown in trade-log order when they are known.
  const PREFERRED = ["tradeid", "segment", "signaltype", "direction", "optiontype", "optionsymbol", "strikeprice", "strike", "expiry", "lots", "quantity",
    "entrytime", "indexentryspot", "entryprice", "initialslprice", "exittime", "indexexitspot", "exitprice", "exitreason", "pnlpoints", "pnlvalue",
    "grosspnl", "charges", "netpnl", "returnpct", "pyramidadds", "maxquantity"];
  const norm = (k) => String(k).toLowerCase().replace(/[^a-z0-9]/g, "");
  const heading = (k) => String(k).replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
  const isMoneyKey = (k) => /pnl|charges|price|spot|value|excursion/.test(norm(k));
  const isSignedKey = (k) => /pnl|return/.test(norm(k));

  function tradeColumns(trades) {
    const keys = [];
    for (const t of trades.slice(0, 50)) for (const k of Object.keys(t || {})) if (!keys.includes(k)) keys.push(k);
    const known = [];
    for (const p of PREFERRED) {
      const k = keys.find((x) => norm(x) === p);
      if (k && !known.includes(k)) known.push(k);
    }
    return known.length >= 4 ? known : keys;
  }

  function cellText(v) {
    if (v === null || v === undefined || v === "") return ["—", ""];
    if (isNum(v)) return [v.toLocaleString("en-IN", { maximumFractionDigits: 2 }), "num"];
    if (typeof v === "string" && ISO_TIME.test(v)) return [`${v.slice(0, 10)} ${v.slice(11, 19)}`, "num"];
    if (typeof v === "object") return [JSON.stringify(v), ""];
    return [String(v), ""];
  }

  /** storyUrl(trade) gives the trade story a row opens (none: the rows open nothing). */
  function fillTrades(table, trades, emptyText, storyUrl) {
    const list = Array.isArray(trades) ? trades : [];
    const head = table.tHead.rows[0];
    const body = table.tBodies[0];
    head.textContent = "";
    body.textContent = "";
    if (list.length === 0) {
      head.append(th("Trades"));
      messageRow(table, emptyText || "No trades.");
      return;
    }
    const cols = tradeColumns(list);
    for (const k of cols) head.append(th(heading(k), isMoneyKey(k) || /time|qty|quantity|lots|strike/i.test(k) ? "num" : ""));
    const frag = document.createDocumentFragment();
    for (const t of list) {
      const tr = document.createElement("tr");
      for (const k of cols) {
        const [text, cls] = cellText(t[k]);
        tr.append(td(text, `${cls} ${isSignedKey(k) ? signClass(t[k]) : ""}`.trim()));
      }
      if (storyUrl && t.tradeId) TradeStory.rows(tr, storyUrl(t));
      frag.append(tr);
    }
    body.append(frag);
  }

  function showCharts(run) {
    const equity = (run.equity || []).map((p) => ({ time: p.time, value: p.equity }));
    const dd = (run.drawdown || []).map((p) => ({ time: p.time, value: p.drawdown }));
    try {
      Charts.line($("bt-equity"), [{ name: "Equity ₹", color: "#2563eb", points: equity }], { label: "Backtest equity", zero: false, emptyText: "No equity points: the run made no trades." });
      Charts.line($("bt-drawdown"), [{ name: "Drawdown ₹", color: "#dc2626", points: dd, area: true }], { label: "Backtest drawdown", emptyText: "No drawdown: the run made no trades." });
    } catch (e) {
      Charts.empty($("bt-equity"), "Chart could not be drawn.");
      console.warn(e);
    }
  }

  function showDownloads(id) {
    const names = { "bt-download-trades": "trades.csv", "bt-download-events": "events.csv", "bt-download-workbook": "workbook.xlsx" };
    for (const [elId, file] of Object.entries(names)) {
      const a = $(elId);
      a.href = `api/backtest/${encodeURIComponent(id)}/${file}`;
      a.removeAttribute("aria-disabled");
    }
    $("bt-download-message").textContent = `Files of run ${id}.`;
  }

  function showRun(run) {
    $("bt-note").textContent = run.note || $("bt-note").textContent;
    showSummary(run);
    const trades = run.trades || [];
    $("bt-trade-count").textContent = `(${trades.length})`;
    fillTrades($("bt-trades"), trades, "The run made no trades.",
      (t) => `api/backtest/${encodeURIComponent(run.id)}/trades/${encodeURIComponent(t.tradeId)}/story`);
    showCharts(run);
    if (run.id) showDownloads(run.id);
  }


  // Downloads: fetched first so a refusal shows as a message, not a JSON page.
  for (const id of ["bt-download-trades", "bt-download-events", "bt-download-workbook"]) {
    $(id).addEventListener("click", async (ev) => {
      const a = ev.currentTarget;
      ev.preventDefault();
      const out = $("bt-download-message");
      if (!a.getAttribute("href")) { out.textContent = "Run a backtest first."; return; }
      await Api.download(a, out);
    });
  }

  // ---------- compare ----------
  $("compare-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const day = $("compare-day").value;
    const out = $("compare-message");
    if (!day) { out.textContent = "Choose a day first."; $("compare-day").focus(); return; }
    out.textContent = "Comparing…";
    $("compare").disabled = true;
    const r = await request(`api/compare?day=${encodeURIComponent(day)}`);
    $("compare").disabled = false;
    if (!r.ok) {
      out.textContent = r.status === 404 && !r.json.error ? "Compare is not available on this server yet." : refusal(r, "Compare");
      messageRow($("compare-summary"), "No comparison.");
      fillTrades($("compare-paper"), [], "No comparison yet.");
      fillTrades($("compare-backtest"), [], "No comparison yet.");
      return;
    }
    const c = r.json;
    out.textContent = `Day ${c.day || day}.`;
    const note = $("compare-note");
    note.hidden = !c.note;
    note.textContent = c.note || "";
    const body = $("compare-summary").tBodies[0];
    body.textContent = "";
    const paper = (c.paper && c.paper.summary) || {};
    const back = (c.backtest && c.backtest.summary) || {};
    for (const [name, s] of [["Paper", paper], ["Backtest", back]]) {
      const tr = document.createElement("tr");
      tr.append(th(name, "", "row"), ...summaryCells(s, false));
      body.append(tr);
    }
    const diff = {};
    for (const k of ["trades", "grossPnl", "charges", "netPnl", "maxDrawdown", "returnOnCapitalPct", "winRatePct"]) {
      if (isNum(paper[k]) && isNum(back[k])) diff[k] = paper[k] - back[k];
    }
    const tr = document.createElement("tr");
    tr.className = "total";
    tr.append(th("Paper − backtest", "", "row"), ...summaryCells(diff, false));
    body.append(tr);
    fillTrades($("compare-paper"), c.paper && c.paper.trades, "No paper trades that day.", (t) => `api/trades/${encodeURIComponent(t.tradeId)}/story`);
    fillTrades($("compare-backtest"), c.backtest && c.backtest.trades, "No backtest trades that day.");
  });

  // The form shows what an opened run (a sweep row) trades on: its days, segments and the settings the
  // form has fields for, from the run's parameters.json; a parameter the form has no field for is named.
  async function fillFromParameters(id) {
    const r = await request(`api/backtest/${encodeURIComponent(id)}/parameters.json`);
    if (!r.ok || !r.json.settings) return;
    const p = r.json, st = p.settings.Strategy || {};
    if (p.from) $("bt-from").value = p.from;
    if (p.to) $("bt-to").value = p.to;
    if (p.source === "sim") $("bt-source").value = "sim";
    const set = (elId, v) => { const e = $(elId); if (e && v !== undefined && v !== null) e.value = String(v); };
    set("timeframe", st.Timeframe);
    set("rsi-period", st.RsiPeriod);
    set("ps-length", st.PriceStrength && st.PriceStrength.Length);
    set("vs-length", st.VolumeStrength && st.VolumeStrength.Length);
    set("initial-capital", p.settings.InitialCapital);
    for (const seg of (config && config.segments) || []) {
      const box = $(`segment-${seg.name}`);
      if (box) box.checked = (p.segments || []).includes(seg.name);
      const values = (p.settings.Segments || {})[seg.name] || {};
      for (const [key, v] of Object.entries(values)) {
        if (typeof v === "number") set(`${seg.name}-${key.charAt(0).toLowerCase()}${key.slice(1)}`, v);
      }
    }
    $("bt-note").textContent = `${$("bt-note").textContent} This run is a sweep row's parameters (parameters hash ${String(p.hash).slice(0, 16)}…); the form shows them. Its full settings: api/backtest/${id}/parameters.json.`;
  }

  $("bt-source").addEventListener("change", () => onSourceChange(false));

  (async () => {
    await loadConfig();
    await loadSources();
    // Opened from a sweep row (backtest?run=ID): that run of the row's parameters, shown like one started here.
    const opened = new URLSearchParams(window.location.search).get("run");
    if (opened) {
      openedRun = opened;
      setRunning(true);
      $("bt-progress").hidden = false;
      say("Backtesting the sweep row's parameters…");
      poll(opened);
    }
    // The compare day defaults to the last session's day.
    const s = await request("api/session/status");
    if (s.ok && s.json.day) $("compare-day").value = s.json.day;
  })();
})();
