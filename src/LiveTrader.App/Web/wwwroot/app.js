// The Live Trader page: parameters (params.js), start/stop/pause, status cards, charts (charts.js:
// each segment's chart is made once and then updated in place from the chart API every few seconds),
// the event log from the SSE stream, downloads. Relative URLs only, so a path base works.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const MAX_ROWS = 500;
  const MAX_KEPT = 3000;
  const QUIET_TYPES = new Set(["CANDLE", "TRAIL_MOVED"]);
  const STATUS_MS = 2000;
  const CHART_MS = 5000;

  let form = null;          // the params.js controller
  let config = null;
  let lastStatus = null;
  let chartSegments = [];    // segments whose charts are shown
  let chartTimer = null;
  const chartData = {};      // segment -> last chart answer, for redraw on resize
  let equityData = null;
  const pendingToggle = new Set();
  const wishes = new Map();  // segment -> {on, until}: an accepted pause/resume not yet in the status

  // ---------- helpers ----------
  const isNum = (v) => typeof v === "number" && Number.isFinite(v);
  const rupees = (v) => (isNum(v) ? `${v < 0 ? "−" : ""}₹${Math.abs(v).toLocaleString("en-IN", { maximumFractionDigits: 2 })}` : "—");
  const number = (v, d = 2) => (isNum(v) ? v.toLocaleString("en-IN", { maximumFractionDigits: d }) : "—");
  const istTime = (iso) => (typeof iso === "string" && iso.length >= 19 ? iso.slice(11, 19) : "—");
  const text = (v) => (v === null || v === undefined || v === "" ? "—" : String(v));
  const pnlClass = (v) => (isNum(v) ? (v > 0 ? "pos" : v < 0 ? "neg" : "flat") : "");
  const say = (message, kind) => { const m = $("message"); m.textContent = message || ""; m.dataset.kind = kind || ""; };

  const { request, post } = Api;
  const refusal = (r, what) => r.json.error || (r.status === 0 ? r.json.error : `${what} refused (HTTP ${r.status}).`);

  // ---------- config and the form ----------
  async function loadConfig() {
    form = await Params.load($("params"), { live: true });
    if (!form) {
      $("start").disabled = true;
      return false;
    }
    config = form.config;
    const logSeg = $("log-segment");
    for (const s of config.segments || []) logSeg.append(new Option(s.name, s.name));
    $("mode").addEventListener("change", () => {
      if ($("mode").value === "Live") say("Live mode places real orders: you will be asked to type LIVE at Start.", "warn");
    });
    return true;
  }

  // ---------- status ----------
  function renderHeader(status) {
    // LIVE is unmistakable: a red banner over the page while real orders can be sent.
    const modeBadge = $("mode-status");
    const mode = status && status.running ? status.mode : null;
    modeBadge.hidden = !mode;
    modeBadge.textContent = mode === "LIVE" ? "LIVE · REAL ORDERS" : mode || "";
    modeBadge.dataset.state = mode === "LIVE" ? "bad" : mode === "DRY RUN" ? "warn" : "";
    document.body.classList.toggle("live", mode === "LIVE");
    const feed = $("feed-status");
    if (status && status.running) {
      const clock = status.now ? ` · ${status.day} ${istTime(status.now)} IST` : "";
      feed.textContent = `Feed: ${status.feed} · ${status.feedStatus}${status.paused ? " · paused" : ""}${clock}`;
      const fs = String(status.feedStatus || "").toLowerCase();
      feed.dataset.state = fs.includes("login") ? "bad" : fs.includes("reconnect") || fs.includes("stale") ? "warn" : fs.includes("connected") || fs.includes("running") ? "ok" : "";
    } else {
      const ended = status && status.ended ? ` · ${status.ended}` : "";
      feed.textContent = status ? `Feed: stopped${status.day ? ` · last day ${status.day}` : ""}${ended}` : "Feed: server not answering";
      feed.dataset.state = status ? "" : "bad";
    }
    const account = status && status.account;
    const acc = $("account-status");
    if (account) {
      acc.textContent = `Kite: ${account.state || (account.loggedIn ? "logged in" : account.configured ? "login required" : "not configured")}`;
      acc.dataset.state = account.loggedIn ? "ok" : account.configured ? "warn" : "";
      acc.title = account.configured ? "" : "Set KITE_API_KEY / KITE_ACCESS_TOKEN or a credentials file to use Kite";
    } else {
      acc.textContent = "Kite: status not available";
      acc.dataset.state = "";
    }
    renderProtection(status && status.running ? status.protection : null);
    $("kite-login").hidden = !(account && account.canLogin && !account.loggedIn);
    if (form) {
      const hint = !account ? "Kite status not available" : account.configured ? "log in to Kite first (header link)" : "Kite is not configured";
      form.setKiteAvailable(!!(account && account.loggedIn), hint);
    }
  }

  // The account's protection (spec 9): its state, net and where each rule stands; why it fired on hover.
  function renderProtection(p) {
    const pill = $("protection-status");
    pill.hidden = !p;
    if (!p) return;
    const money = (v) => Number(v).toFixed(2);
    const parts = [`Account: ${p.state}`, `net ${money(p.net)}`];
    if (p.lossProtectionAt != null) parts.push(`loss stop ${money(p.lossProtectionAt)}`);
    if (p.profitLockAt != null) parts.push(p.profitLockArmed ? `profit locked at ${money(p.lockedLevel)}` : `lock from ${money(p.profitLockAt)}`);
    if (p.trailingStopAt != null) parts.push(`trail stop ${money(p.trailingStopAt)}`);
    pill.textContent = parts.join(" · ");
    pill.title = p.reason || "";
    pill.dataset.state = p.state === "CLOSED" ? "bad" : p.state === "LOCKED" ? "warn" : "ok";
  }

  function renderControls(status) {
    const running = !!(status && status.running);
    $("start").disabled = running || !form;
    $("stop").disabled = !running;
    $("pause").disabled = !running || !!status.paused;
    $("resume").disabled = !running;
    const halted = running && (status.segments || []).some((s) => s.trading && s.trading !== "ACTIVE");
    $("kill-switch").disabled = !running;
    $("rearm").hidden = !halted;
    $("rearm").disabled = !halted;
    if (form) form.setDisabled(running);
  }

  const CARD_ROWS = [
    ["Option", (s) => text(s.optionSymbol)],
    ["Strike", (s) => (isNum(s.strike) ? number(s.strike, 0) : "—")],
    ["Expiry", (s) => text(s.expiry && String(s.expiry).slice(0, 10))],
    ["Direction", (s) => text(s.direction)],
    ["Lots / qty", (s) => (s.quantity ? `${text(s.lots)} / ${text(s.quantity)}` : "—")],
    ["Entry price", (s) => (isNum(s.entryPrice) ? number(s.entryPrice) : "—")],
    ["SL", (s) => (isNum(s.stopLoss) ? number(s.stopLoss) : "—")],
    ["Trailing SL", (s) => (isNum(s.trailingStop) ? number(s.trailingStop) : "—")],
    ["Current P&L", (s) => (isNum(s.openPnl) && s.quantity ? rupees(s.openPnl) : "—"), (s) => (s.quantity ? pnlClass(s.openPnl) : "")],
    ["Trades today", (s) => text(s.tradesToday)],
    ["Win rate", (s) => (isNum(s.winRate) ? `${number(s.winRate, 1)}%` : "—")],
    ["Net P&L today", (s) => rupees(s.netPnlToday), (s) => pnlClass(s.netPnlToday)],
    ["Spot", (s) => (isNum(s.spot) ? `${number(s.spot)}${s.asOf ? ` @ ${istTime(s.asOf)}` : ""}` : "—")],
  ];

  function makeCard(seg) {
    const card = document.createElement("article");
    card.className = "card";
    card.dataset.segment = seg;
    const head = document.createElement("header");
    const h = document.createElement("h3");
    h.textContent = seg;
    const state = document.createElement("span");
    state.className = "state";
    head.append(h, state);
    const dl = document.createElement("dl");
    for (const [label] of CARD_ROWS) {
      const row = document.createElement("div");
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.dataset.k = label;
      row.append(dt, dd);
      dl.append(row);
    }
    const fault = document.createElement("p");
    fault.className = "fault";
    fault.hidden = true;
    const toggle = document.createElement("div");
    toggle.className = "check";
    const input = document.createElement("input");
    input.type = "checkbox";
    input.className = "segment-enabled";
    input.id = `enabled-${seg}`;
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = "Trading enabled";
    toggle.append(input, label);
    input.addEventListener("change", () => toggleSegment(seg, input));
    card.append(head, dl, fault, toggle);
    return card;
  }

  function renderCards(status) {
    const box = $("cards");
    const segments = (status && status.segments) || [];
    if (segments.length === 0) {
      if (!box.querySelector(".muted")) {
        box.textContent = "";
        const p = document.createElement("p");
        p.className = "muted";
        p.textContent = status && status.running ? "The session has no segments." : "No session running. Choose segments and start.";
        box.append(p);
      }
      return;
    }
    const empty = box.querySelector(":scope > .muted");
    if (empty) empty.remove();
    const wanted = new Set(segments.map((s) => s.segment));
    for (const c of [...box.querySelectorAll("article.card")]) if (!wanted.has(c.dataset.segment)) c.remove();
    for (const s of segments) {
      let card = box.querySelector(`article.card[data-segment="${CSS.escape(s.segment)}"]`);
      if (!card) { card = makeCard(s.segment); box.append(card); }
      const state = card.querySelector(".state");
      state.textContent = s.status;
      state.dataset.state = String(s.status || "").toLowerCase().replace(/\s+/g, "-");
      for (const [label, value, cls] of CARD_ROWS) {
        const dd = card.querySelector(`dd[data-k="${CSS.escape(label)}"]`);
        dd.textContent = value(s);
        dd.className = cls ? cls(s) : "";
      }
      const fault = card.querySelector(".fault");
      const held = s.trading && s.trading !== "ACTIVE" ? `Trading ${s.trading}${s.tradingReason ? `: ${s.tradingReason}` : ""}` : "";
      fault.hidden = !s.fault && !held;
      fault.textContent = [s.fault ? `Fault: ${s.fault}` : "", held].filter(Boolean).join(" · ");
      const input = card.querySelector("input.segment-enabled");
      const enabled = typeof s.enabled === "boolean" ? s.enabled : s.status !== "PAUSED";
      // A pause/resume the server accepted may show in its status a moment later: keep the
      // trader's choice on screen until it does (or a few seconds pass), so the box never flickers back.
      const wish = wishes.get(s.segment);
      if (wish && (wish.on === enabled || Date.now() > wish.until)) wishes.delete(s.segment);
      if (!pendingToggle.has(s.segment)) input.checked = wishes.has(s.segment) ? wishes.get(s.segment).on : enabled;
      input.disabled = !status.running || pendingToggle.has(s.segment);
      card.classList.toggle("paused", !enabled);
    }
  }

  async function toggleSegment(seg, input) {
    const wantOn = input.checked;
    pendingToggle.add(seg);
    input.disabled = true;
    const r = await post(`api/segments/${encodeURIComponent(seg)}/${wantOn ? "resume" : "pause"}`);
    pendingToggle.delete(seg);
    if (r.ok) {
      wishes.set(seg, { on: wantOn, until: Date.now() + 4000 });
      say(wantOn ? `${seg}: trading enabled.` : `${seg}: paused (no new entries; open positions keep their stops).`, "ok");
      if (r.json && r.json.segments) applyStatus(r.json);
    } else {
      input.checked = !wantOn;
      say(refusal(r, `${wantOn ? "Resume" : "Pause"} ${seg}`), "bad");
    }
    input.disabled = false;
  }

  function applyStatus(status) {
    const wasRunning = !!(lastStatus && lastStatus.running);
    lastStatus = status;
    renderHeader(status);
    renderControls(status);
    renderCards(status);
    const running = !!(status && status.running);
    if (running) {
      const segs = (status.segments || []).map((s) => s.segment);
      if (segs.join() !== chartSegments.join()) setChartSegments(segs);
      if (!chartTimer) { refreshCharts(); chartTimer = setInterval(refreshCharts, CHART_MS); }
    } else {
      if (chartTimer) { clearInterval(chartTimer); chartTimer = null; }
      // A stopped session's day stays on screen, also after a reload.
      const segs = (status && status.segments || []).map((s) => s.segment);
      if (segs.length && segs.join() !== chartSegments.join()) { setChartSegments(segs); refreshCharts(); }
    }
    if (wasRunning && !running) refreshCharts(); // once more after stop: the final picture
  }

  async function pollStatus() {
    const r = await request("api/session/status");
    if (r.ok) applyStatus(r.json);
    else {
      renderHeader(null);
      if (!lastStatus) renderControls({ running: false });
    }
    setTimeout(pollStatus, STATUS_MS);
  }

  // ---------- charts ----------
  function setChartSegments(segs) {
    chartSegments = segs;
    const box = $("charts");
    for (const old of box.querySelectorAll(".chart")) Charts.empty(old);
    box.textContent = "";
    if (segs.length === 0) {
      const p = document.createElement("p");
      p.className = "muted";
      p.textContent = "Charts appear for each segment of a running session.";
      box.append(p);
      return;
    }
    for (const seg of segs) {
      const panel = document.createElement("div");
      panel.className = "panel chart-panel";
      const h = document.createElement("h3");
      h.textContent = `${seg}: candles, RSI, Price Strength (blue), Volume Strength (red)`;
      const chart = document.createElement("div");
      chart.id = `chart-${seg}`;
      chart.className = "chart";
      Charts.empty(chart, "Loading chart…");
      panel.append(h, chart);
      box.append(panel);
    }
  }

  async function refreshCharts() {
    await Promise.all([...chartSegments.map(refreshChart), refreshEquity(), refreshTrades()]);
  }

  // ---------- today's trades: each row opens its story ----------
  let tradesShown = "";
  async function refreshTrades() {
    const r = await request("api/session/trades");
    if (!r.ok || !Array.isArray(r.json)) return;
    const key = r.json.map((t) => t.tradeId).join();
    if (key === tradesShown) return; // closed trades never change: redraw only when one is added
    tradesShown = key;
    const body = $("trades").tBodies[0];
    if (r.json.length === 0) {
      body.innerHTML = '<tr><td colspan="10" class="muted">No trade has closed today.</td></tr>';
      return;
    }
    body.replaceChildren(...r.json.map((t) => {
      const tr = document.createElement("tr");
      for (const [v, cls] of [[t.tradeId], [t.optionSymbol], [istTime(t.entryTime), "num"], [number(t.entryPrice), "num"], [istTime(t.exitTime), "num"],
        [number(t.exitPrice), "num"], [t.exitReason], [String(t.lots), "num"], [number(t.charges), "num"], [rupees(t.netPnl), `num ${pnlClass(t.netPnl)}`]]) {
        const td = document.createElement("td");
        td.textContent = v;
        if (cls) td.className = cls;
        tr.append(td);
      }
      TradeStory.rows(tr, `api/trades/${encodeURIComponent(t.tradeId)}/story`);
      return tr;
    }));
  }

  async function refreshChart(seg) {
    const box = $(`chart-${seg}`);
    if (!box) return;
    const r = await request(`api/segments/${encodeURIComponent(seg)}/chart`);
    if (r.ok && r.json && Array.isArray(r.json.candles)) {
      chartData[seg] = r.json;
      drawChart(seg);
    } else if (!chartData[seg]) {
      Charts.empty(box, r.status === 404 || r.status === 409 ? "No data yet (chart not available)." : "No data yet.");
    }
  }

  function drawChart(seg) {
    const box = $(`chart-${seg}`);
    if (!box || !chartData[seg]) return;
    try {
      Charts.candles(box, chartData[seg], { emptyText: "No candles yet: the first candle completes after its timeframe." });
    } catch (e) {
      Charts.empty(box, "Chart could not be drawn.");
      console.warn(e);
    }
  }

  async function refreshEquity() {
    const r = await request("api/session/equity");
    if (r.ok && r.json && Array.isArray(r.json.points)) equityData = r.json;
    else if (!equityData) { Charts.empty($("equity-chart"), "No data yet."); return; }
    drawEquity();
  }

  function drawEquity() {
    const box = $("equity-chart");
    if (!equityData) return;
    const pts = equityData.points.filter((p) => isNum(p.netPnl));
    if (pts.length < 2) { Charts.empty(box, "No data yet: no trade has closed today."); return; }
    let peak = 0;
    const pnl = pts.map((p) => ({ time: p.time, value: p.netPnl }));
    const dd = pts.map((p) => { peak = Math.max(peak, p.netPnl); return { time: p.time, value: p.netPnl - peak }; });
    try {
      Charts.line(box, [
        { name: "Net P&L ₹", color: "#2563eb", points: pnl, step: true },
        { name: "Drawdown ₹", color: "#dc2626", points: dd, area: true, step: true },
      ], { label: "Today's net P&L and drawdown, all segments", emptyText: "No data yet: no trade has closed today." });
    } catch (e) {
      Charts.empty(box, "Chart could not be drawn.");
      console.warn(e);
    }
  }


  // ---------- event log ----------
  const events = [];         // newest last
  const types = new Set();
  let renderQueued = false;
  let pendingRows = [];

  function matches(e) {
    const seg = $("log-segment").value;
    const type = $("log-type").value;
    if (seg && e.segment !== seg) return false;
    if (type === "*") return true;
    if (type === "") return !QUIET_TYPES.has(e.type);
    return e.type === type;
  }

  function row(e) {
    const tr = document.createElement("tr");
    tr.dataset.type = e.type || "";
    const cells = [
      [istTime(e.time)], [text(e.segment)], [text(e.type), "type"], [text(e.message), "msg"], [text(e.optionSymbol)],
      [isNum(e.spot) ? number(e.spot) : "", "num"], [isNum(e.price) ? number(e.price) : "", "num"], [isNum(e.quantity) ? String(e.quantity) : "", "num"],
    ];
    for (const [v, cls] of cells) {
      const td = document.createElement("td");
      td.textContent = v;
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  }

  function renderLog() {
    const body = $("log").tBodies[0];
    body.textContent = "";
    const frag = document.createDocumentFragment();
    let shown = 0;
    for (let i = events.length - 1; i >= 0 && shown < MAX_ROWS; i--) {
      if (!matches(events[i])) continue;
      frag.append(row(events[i]));
      shown++;
    }
    body.append(frag);
    pendingRows = [];
    showLogCount();
  }

  function showLogCount() {
    const body = $("log").tBodies[0];
    $("log-count").textContent = body.rows.length ? `${body.rows.length} shown (newest first, max ${MAX_ROWS})` : "No events yet.";
  }

  function flushLog() {
    renderQueued = false;
    if (pendingRows.length === 0) return;
    const body = $("log").tBodies[0];
    const frag = document.createDocumentFragment();
    for (let i = pendingRows.length - 1; i >= 0; i--) frag.append(row(pendingRows[i]));
    body.prepend(frag);
    pendingRows = [];
    while (body.rows.length > MAX_ROWS) body.deleteRow(body.rows.length - 1);
    showLogCount();
  }

  function addType(type) {
    if (!type || types.has(type)) return;
    types.add(type);
    const select = $("log-type");
    const opt = new Option(QUIET_TYPES.has(type) ? `${type} (hidden under All)` : type, type);
    const before = [...select.options].find((o) => o.value !== "" && o.value !== "*" && o.value > type);
    select.add(opt, before || null);
  }

  function onEvent(e) {
    events.push(e);
    if (events.length > MAX_KEPT) events.splice(0, events.length - MAX_KEPT);
    addType(e.type);
    if (!matches(e)) return;
    pendingRows.push(e);
    if (!renderQueued) { renderQueued = true; requestAnimationFrame(flushLog); setTimeout(flushLog, 250); }
  }

  function clearLog() {
    events.length = 0;
    pendingRows = [];
    renderLog();
  }

  function listen() {
    if (!("EventSource" in window)) { $("log-count").textContent = "This browser cannot show live events."; return; }
    const source = new EventSource("api/events", { withCredentials: true });
    // Every (re)connection replays the server's recent events first: start clean to avoid duplicates.
    source.addEventListener("open", () => clearLog());
    source.addEventListener("agent", (m) => {
      try { onEvent(JSON.parse(m.data)); } catch (err) { console.warn("bad event", err); }
    });
    source.addEventListener("error", () => {
      $("log-count").textContent = "Event stream interrupted; reconnecting…";
    });
  }

  $("log-segment").addEventListener("change", renderLog);
  $("log-type").addEventListener("change", renderLog);

  // ---------- controls ----------
  $("start-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!form) return;
    const errors = form.validate();
    if (Object.keys(errors).length) {
      const rest = form.showErrors(errors);
      say(`Not started: fix the marked fields.${rest.length ? ` ${rest.join("; ")}` : ""}`, "bad");
      return;
    }
    form.clearErrors();
    const mode = $("mode").value;
    let confirm;
    if (mode === "Live") {
      // Real orders are never one click away: the trader types the word.
      confirm = window.prompt("LIVE mode places REAL ORDERS on your Kite account.\nType LIVE to start.");
      if (confirm !== "LIVE") {
        say("Live start cancelled: type LIVE to confirm.", "warn");
        return;
      }
    }
    const feed = $("feed").value;
    const body = { ...form.collect(), segments: form.selectedSegments(), mode, feed };
    if (confirm) body.confirm = confirm;
    if (feed === "sim") {
      body.speed = Number($("speed").value);
      if ($("date").value) body.date = $("date").value;
    }
    $("start").disabled = true;
    say("Starting…");
    clearLog();
    const r = await post("api/session/start", body);
    if (r.ok) {
      say(`Session started: ${body.segments.join(", ")} (${mode}, ${feed === "sim" ? `simulator x${body.speed}` : "Kite"}).`, "ok");
      for (const k of Object.keys(chartData)) delete chartData[k];
      equityData = null;
      chartSegments = [];
      if (r.json && "running" in r.json) applyStatus(r.json);
    } else if (r.json.errors) {
      const rest = form.showErrors(r.json.errors);
      say(`Not started: fix the marked fields.${rest.length ? ` ${rest.join("; ")}` : ""}`, "bad");
      $("start").disabled = false;
      if (r.json.loginRequired) {
        // The account's card and its login button change now, not at the next poll.
        const st = await request("api/session/status");
        if (st.ok) applyStatus(st.json);
      }
    } else {
      say(refusal(r, "Start"), "bad");
      $("start").disabled = false;
    }
  });

  $("stop").addEventListener("click", async () => {
    const closeAll = $("close-all").checked;
    $("stop").disabled = true;
    say(closeAll ? "Stopping: closing open positions (up to 15 s if a quote is stale)…" : "Stopping…");
    const r = await post("api/session/stop", { closeAll });
    if (r.ok) {
      // The server names any position its close could not fill: that is not "closed".
      if (r.json && r.json.ended) say(`Session ${r.json.ended}.`, "bad");
      else say(closeAll ? "Session stopped; open positions closed." : "Session stopped; no new entries.", "ok");
      if (r.json && "running" in r.json) applyStatus(r.json);
      refreshCharts();
    } else {
      say(refusal(r, "Stop"), "bad");
      $("stop").disabled = false;
    }
  });

  $("pause").addEventListener("click", async () => {
    const r = await post("api/session/pause");
    say(r.ok ? "All segments paused: no new entries; open positions keep their stops." : refusal(r, "Pause"), r.ok ? "ok" : "bad");
    if (r.ok && r.json && "running" in r.json) applyStatus(r.json);
  });

  $("kill-switch").addEventListener("click", async () => {
    if (!window.confirm("Kill switch: cancel every working order, close every position and halt all trading until you re-arm?")) return;
    const r = await post("api/session/kill-switch");
    say(r.ok ? "Kill switch pressed: working orders cancelled, positions closing; trading HALTED until re-armed." : refusal(r, "Kill switch"), r.ok ? "ok" : "bad");
    if (r.ok && r.json && "running" in r.json) applyStatus(r.json);
  });

  $("rearm").addEventListener("click", async () => {
    const r = await post("api/session/rearm");
    say(r.ok ? "Trading re-armed: segments take new entries again." : refusal(r, "Re-arm"), r.ok ? "ok" : "bad");
    if (r.ok && r.json && "running" in r.json) applyStatus(r.json);
  });

  $("resume").addEventListener("click", async () => {
    const r = await post("api/session/resume");
    say(r.ok ? "All segments resumed." : refusal(r, "Resume"), r.ok ? "ok" : "bad");
    if (r.ok && r.json && "running" in r.json) applyStatus(r.json);
  });

  // Downloads: fetch first so a "nothing yet" answer shows as a message instead of a JSON page.
  for (const id of ["download-trades", "download-events", "download-workbook"]) {
    $(id).addEventListener("click", async (ev) => {
      ev.preventDefault();
      const a = ev.currentTarget;
      const out = $("download-message");
      await Api.download(a, out);
    });
  }

  // ---------- start ----------
  loadConfig().then(() => {
    pollStatus();
    refreshEquity();
    refreshTrades();
  });
  listen();
})();
