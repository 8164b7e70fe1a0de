// The Performance page: the engine's paper-against-backtest report (GET /api/performance) over a
// period, per segment and for the account: summary, equity and drawdown, per-day table, causes and
// every trade pair with its explanation.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const money = (v) => (v == null ? "—" : Number(v).toFixed(2));
  const hhmm = (iso) => (typeof iso === "string" && iso.length >= 16 ? iso.slice(11, 16) : "—");
  let report = null;

  function cell(text, cls) {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    return td;
  }
  const sign = (v) => (v > 0 ? "pos" : v < 0 ? "neg" : "");

  function fill(id, rows) {
    const body = document.querySelector(`#${id} tbody`);
    body.replaceChildren(...rows.map((cells) => {
      const tr = document.createElement("tr");
      tr.append(...cells);
      return tr;
    }));
  }

  function render() {
    const scope = $("pf-scope").value || "ACCOUNT";
    const inScope = (s) => scope === "ACCOUNT" || s === scope;
    fill("pf-summary", report.scopes.filter((s) => s.scope === scope || scope === "ACCOUNT").flatMap((s) => ["paper", "backtest"].map((side) => {
      const st = s[side];
      return [cell(s.scope), cell(side === "paper" ? "Paper" : "Backtest"), cell(String(st.trades)), cell(money(st.winRatePct)),
        cell(money(st.netPnl), sign(st.netPnl)), cell(money(st.maxDrawdown)), cell(st.profitFactor == null ? "—" : money(st.profitFactor)),
        cell(money(st.returnOnCapitalPct)), cell(money(s.agreementPct))];
    })));
    fill("pf-days", report.dayRows.filter((d) => d.scope === scope).map((d) => [cell(d.day), cell(d.scope), cell(String(d.paperTrades)),
      cell(money(d.paperNet), sign(d.paperNet)), cell(String(d.backtestTrades)), cell(money(d.backtestNet), sign(d.backtestNet)),
      cell(money(d.difference), sign(d.difference)), cell(money(d.agreementPct)), cell(d.mainCause || "—")]));
    const pairs = report.pairs.filter((p) => inScope(p.segment));
    const totals = new Map();
    for (const p of pairs) for (const d of p.differences) {
      const t = totals.get(d.cause) || { pairs: new Set(), amount: 0 };
      t.pairs.add(p); t.amount += d.amount; totals.set(d.cause, t);
    }
    fill("pf-causes", [...totals].map(([cause, t]) => [cell(cause), cell(String(t.pairs.size)), cell(money(t.amount), sign(t.amount))]));
    fill("pf-pairs", pairs.map((p) => [cell(p.day), cell(p.segment), cell(hhmm(p.entryCandle)), cell(p.direction),
      cell(p.paper ? `${p.paper.tradeId} ${p.paper.exitReason}` : "—"), cell(p.paper ? money(p.paper.netPnl) : "—", p.paper ? sign(p.paper.netPnl) : ""),
      cell(p.backtest ? `${p.backtest.tradeId} ${p.backtest.exitReason}` : "—"), cell(p.backtest ? money(p.backtest.netPnl) : "—", p.backtest ? sign(p.backtest.netPnl) : ""),
      cell(money(p.difference), sign(p.difference)),
      cell(p.differences.map((d) => `${d.cause} ${money(d.amount)}: ${d.detail}`).join("; ") || "the same to the rupee")]));
    // A pair's row opens its paper trade's story; the backtest side's trade is a button of its own
    // (that backtest is run again on the day's recorded candles for it).
    [...document.querySelectorAll("#pf-pairs tbody tr")].forEach((tr, i) => {
      const { paper, backtest, day } = pairs[i];
      if (paper) TradeStory.rows(tr, `api/trades/${encodeURIComponent(paper.tradeId)}/story`);
      if (!backtest) return;
      const td = tr.children[6];
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link story-backtest";
      button.textContent = td.textContent;
      button.title = "Open the backtest trade's story";
      const url = `api/performance/${encodeURIComponent(day)}/trades/${encodeURIComponent(backtest.tradeId)}/story`;
      button.addEventListener("click", (e) => { e.stopPropagation(); TradeStory.open(url); });
      button.addEventListener("keydown", (e) => { if (e.key === "Enter") e.stopPropagation(); });
      td.textContent = "";
      td.append(button);
    });
    const s = report.scopes.find((x) => x.scope === scope);
    const curve = (points, key) => (points || []).map((p) => ({ time: p.time, value: p[key] }));
    Charts.line($("pf-equity"), [
      { name: "Paper ₹", color: "#2563eb", points: curve(s && s.paperEquity, "net") },
      { name: "Backtest ₹", color: "#9333ea", points: curve(s && s.backtestEquity, "net") },
    ], { label: `${scope} equity, paper and backtest`, emptyText: "No trades in the period." });
    Charts.line($("pf-drawdown"), [
      { name: "Paper ₹", color: "#dc2626", points: curve(s && s.paperEquity, "drawdown") },
      { name: "Backtest ₹", color: "#f59e0b", points: curve(s && s.backtestEquity, "drawdown") },
    ], { label: `${scope} drawdown, paper and backtest`, emptyText: "No trades in the period." });
  }

  async function load() {
    const from = $("pf-from").value;
    const to = $("pf-to").value;
    for (const e of document.querySelectorAll("[data-error-for]")) e.textContent = "";
    const query = new URLSearchParams();
    if (from) query.set("from", from);
    if (to) query.set("to", to);
    $("pf-workbook").setAttribute("href", `api/performance/workbook?${query}`);
    $("pf-state").textContent = "Backtesting the paper days…";
    const r = await Api.request(`api/performance?${query}`);
    if (!r.ok) {
      for (const [field, why] of Object.entries(r.json.errors || {})) {
        const e = document.querySelector(`[data-error-for="${field}"]`);
        if (e) e.textContent = why;
      }
      $("pf-state").textContent = "No report";
      $("pf-message").textContent = r.json.error || (r.json.errors ? "Fix the dates." : `The report failed (HTTP ${r.status}).`);
      return;
    }
    report = r.json;
    $("pf-from").value = report.from;
    $("pf-to").value = report.to;
    const account = report.scopes.find((s) => s.scope === "ACCOUNT");
    $("pf-state").textContent = `${report.days.length} paper day(s) ${report.from} to ${report.to} · agreement ${money(account.agreementPct)} %`;
    $("pf-message").textContent = "";
    // A day whose recordings are broken is left out by name; the rest of the period is reported.
    $("pf-note").textContent = [report.note, ...(report.leftOut || [])].join(" ");
    const select = $("pf-scope");
    const chosen = select.value;
    select.replaceChildren(...report.scopes.map((s) => {
      const o = document.createElement("option");
      o.value = s.scope;
      o.textContent = s.scope === "ACCOUNT" ? "Account" : s.scope;
      return o;
    }));
    if (report.scopes.some((s) => s.scope === chosen)) select.value = chosen;
    render();
  }

  $("pf-form").addEventListener("submit", (e) => { e.preventDefault(); load(); });
  $("pf-scope").addEventListener("change", () => { if (report) render(); });
  $("pf-workbook").addEventListener("click", (e) => { e.preventDefault(); Api.download(e.currentTarget, $("pf-message")); });
  load();
})();
