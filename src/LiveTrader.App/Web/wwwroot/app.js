// The Live Trader page: drives /api, listens to /api/events. No libraries.
"use strict";
const $ = (id) => document.getElementById(id);
const headers = { "Content-Type": "application/json", "X-Requested-With": "LiveTrader" };
const maxRows = 500;

async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body || {}), credentials: "same-origin" });
  const json = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, json };
}

function say(text) { $("message").textContent = text; }

function showErrors(errors) {
  document.querySelectorAll("[data-error-for]").forEach((p) => { p.textContent = ""; });
  const rest = [];
  for (const [field, message] of Object.entries(errors || {})) {
    const slot = document.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    if (slot) slot.textContent = message; else rest.push(`${field}: ${message}`);
  }
  if (rest.length) say(rest.join("; "));
}

async function loadConfig() {
  const config = await (await fetch("api/config", { credentials: "same-origin" })).json();
  const box = $("segments");
  box.textContent = "";
  for (const s of config.segments) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox"; input.name = "segment"; input.value = s.name; input.checked = s.enabled;
    input.id = `segment-${s.name}`;
    label.htmlFor = input.id;
    label.append(input, ` ${s.name}`);
    box.append(label);
  }
}

const fmt = (v, digits = 2) => (v === null || v === undefined ? "—" : typeof v === "number" ? v.toFixed(digits) : v);

function card(s) {
  const el = document.createElement("article");
  el.className = "card";
  const pnlClass = s.netPnlToday > 0 ? "pos" : s.netPnlToday < 0 ? "neg" : "";
  const rows = [
    ["Spot", fmt(s.spot)], ["Option", s.optionSymbol || "—"], ["Strike", fmt(s.strike, 0)], ["Expiry", s.expiry || "—"],
    ["Direction", s.direction || "—"], ["Lots / qty", `${s.lots} / ${s.quantity}`], ["Entry", fmt(s.entryPrice)],
    ["SL", fmt(s.stopLoss)], ["Trailing SL", fmt(s.trailingStop)], ["Open P&L", fmt(s.openPnl)],
    ["Trades today", s.tradesToday], ["Win rate", s.winRate === null ? "—" : `${s.winRate}%`],
  ];
  const h = document.createElement("h3");
  h.append(s.segment);
  const state = document.createElement("span"); state.textContent = s.status; h.append(state);
  const dl = document.createElement("dl");
  for (const [k, v] of rows) {
    const dt = document.createElement("dt"); dt.textContent = k;
    const dd = document.createElement("dd"); dd.textContent = v;
    dl.append(dt, dd);
  }
  const dt = document.createElement("dt"); dt.textContent = "Net P&L";
  const dd = document.createElement("dd"); dd.textContent = fmt(s.netPnlToday); dd.className = pnlClass;
  dl.append(dt, dd);
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.textContent = `Pause ${s.segment}`;
  toggle.setAttribute("aria-label", `Pause ${s.segment}`);
  toggle.addEventListener("click", () => post(`api/segments/${s.segment}/pause`).then(refresh));
  const resume = document.createElement("button");
  resume.type = "button";
  resume.textContent = `Resume ${s.segment}`;
  resume.addEventListener("click", () => post(`api/segments/${s.segment}/resume`).then(refresh));
  el.append(h, dl, toggle, " ", resume);
  return el;
}

async function refresh() {
  const status = await (await fetch("api/session/status", { credentials: "same-origin" })).json();
  $("feed").textContent = status.running
    ? `Feed: ${status.feed} — ${status.feedStatus}${status.paused ? " (paused)" : ""} · ${status.day}`
    : "Feed: stopped";
  $("start").disabled = status.running;
  for (const id of ["stop", "pause", "resume"]) $(id).disabled = !status.running;
  const cards = $("cards");
  cards.textContent = "";
  for (const s of status.segments) cards.append(card(s));
}

function logEvent(e) {
  const body = $("log").tBodies[0];
  const tr = document.createElement("tr");
  for (const v of [e.time.slice(11, 19), e.segment, e.type, e.message]) {
    const td = document.createElement("td"); td.textContent = v; tr.append(td);
  }
  body.prepend(tr);
  while (body.rows.length > maxRows) body.deleteRow(body.rows.length - 1);
}

function listen() {
  const source = new EventSource("api/events");
  source.addEventListener("agent", (m) => {
    const e = JSON.parse(m.data);
    if (e.type !== "CANDLE" && e.type !== "TRAIL_MOVED") logEvent(e);
  });
}

$("start-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const segments = [...document.querySelectorAll("input[name=segment]:checked")].map((i) => i.value);
  const body = { segments, speed: Number($("speed").value) };
  if ($("date").value) body.date = $("date").value;
  say("Starting…");
  const r = await post("api/session/start", body);
  if (r.ok) { showErrors({}); say("Session started."); }
  else if (r.json.errors) { say("Fix the marked fields."); showErrors(r.json.errors); }
  else say(r.json.error || `Refused (${r.status}).`);
  refresh();
});
$("stop").addEventListener("click", async () => {
  const r = await post("api/session/stop", { closeAll: $("close-all").checked });
  say(r.ok ? "Session stopped." : r.json.error || "Stop refused.");
  refresh();
});
$("pause").addEventListener("click", async () => { await post("api/session/pause"); say("Paused: no new entries."); refresh(); });
$("resume").addEventListener("click", async () => { await post("api/session/resume"); say("Resumed."); refresh(); });

loadConfig().then(refresh);
listen();
setInterval(refresh, 2000);
