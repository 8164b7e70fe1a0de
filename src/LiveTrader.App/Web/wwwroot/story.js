// A trade's story in a dialog, opened by clicking (or Enter on) a trade row on any page: the candles
// around it with its entry, adds, stop path and exit, its facts, its charges item by item and its own
// events, from the trade story API. Exposes window.TradeStory: open(url) and rows(tr, url).
"use strict";
window.TradeStory = (() => {
  const isNum = (v) => typeof v === "number" && Number.isFinite(v);
  const money = (v) => (isNum(v) ? v.toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : "—");
  const when = (iso) => (typeof iso === "string" && iso.length >= 19 ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : "—");
  const CHARGES = [["brokerage", "Brokerage"], ["stt", "STT"], ["exchangeCharge", "Exchange transaction charge"], ["ipft", "NSE IPFT"],
    ["sebiFee", "SEBI fee"], ["stampDuty", "Stamp duty"], ["gst", "GST"]];
  let dialog = null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function make() {
    dialog = el("dialog", undefined, "story");
    dialog.id = "trade-story";
    dialog.setAttribute("aria-labelledby", "story-title");
    const head = el("div", undefined, "toolbar");
    const title = el("h2", "Trade");
    title.id = "story-title";
    const close = el("button", "Close");
    close.type = "button";
    close.id = "story-close";
    close.addEventListener("click", () => dialog.close());
    head.append(title, close);
    const message = el("p", "", "muted");
    message.id = "story-message";
    message.setAttribute("role", "status");
    const facts = el("dl", undefined, "story-facts");
    facts.id = "story-facts";
    const chart = el("div", undefined, "chart");
    chart.id = "story-chart";
    const charges = table("story-charges", ["Charge", "₹"]);
    const events = table("story-events", ["Time (IST)", "Type", "Message", "Spot", "Price", "Qty"]);
    dialog.append(head, message, facts, chart, el("h3", "Charges"), charges, el("h3", "Events"), events);
    dialog.addEventListener("close", () => Charts.empty(chart, ""));
    document.body.append(dialog);
  }

  function table(id, headings) {
    const wrap = el("div", undefined, "table-wrap");
    const t = el("table");
    t.id = id;
    const tr = el("tr");
    headings.forEach((h, i) => { const th = el("th", h, i === 0 || h === "Type" || h === "Message" || h === "Time (IST)" ? "" : "num"); th.scope = "col"; tr.append(th); });
    t.createTHead().append(tr);
    t.createTBody();
    wrap.append(t);
    return wrap;
  }

  function row(cells) {
    const tr = el("tr");
    for (const [text, cls] of cells) tr.append(el("td", text, cls));
    return tr;
  }

  function show(story) {
    const t = story.trade;
    dialog.querySelector("#story-title").textContent = `${t.tradeId} · ${t.optionSymbol} · ${t.exitReason}`;
    const facts = dialog.querySelector("#story-facts");
    facts.textContent = "";
    for (const [k, v] of [
      ["Mode", t.mode], ["Signal", t.signalType], ["Entry", `${when(t.entryTime)} at ${money(t.entryPrice)} (index ${money(t.indexEntrySpot)})`],
      ["Exit", `${when(t.exitTime)} at ${money(t.exitPrice)} (index ${money(t.indexExitSpot)})`], ["Lots / max qty", `${t.lots} / ${t.maxQuantity}`],
      ["Pyramid adds", String(t.pyramidAdds)], ["Initial SL (index)", money(t.initialSlPrice)], ["Gross P&L ₹", money(t.pnlValue)],
      ["Charges ₹", money(t.charges)], ["Net P&L ₹", money(t.netPnl)],
    ]) {
      const d = el("div");
      d.append(el("dt", k), el("dd", v, k.startsWith("Net") ? (t.netPnl > 0 ? "pos" : t.netPnl < 0 ? "neg" : "") : ""));
      facts.append(d);
    }
    const body = dialog.querySelector("#story-charges tbody");
    body.replaceChildren(...CHARGES.map(([k, name]) => row([[name], [money(story.charges[k]), "num"]])),
      row([[`Total (rates from ${story.charges.ratesEffectiveFrom})`, "total"], [money(story.charges.total), "num total"]]));
    dialog.querySelector("#story-events tbody").replaceChildren(...story.events.map((e) => row([[when(e.time)], [e.type, "type"], [e.message, "msg"],
      [isNum(e.spot) ? money(e.spot) : "", "num"], [isNum(e.price) ? money(e.price) : "", "num"], [isNum(e.quantity) ? String(e.quantity) : "", "num"]])));
    Charts.candles(dialog.querySelector("#story-chart"), { ...story, exitTime: t.exitTime }, {
      label: `${t.tradeId}: candles around the trade with its entry, adds, stop and exit`, height: 380, emptyText: "No candles recorded for this trade.",
    });
  }

  async function open(url) {
    if (!dialog) make();
    dialog.querySelector("#story-message").textContent = "Loading the trade…";
    if (!dialog.open) dialog.showModal();
    const r = await Api.request(url);
    if (!r.ok) {
      dialog.querySelector("#story-message").textContent = r.json.error || `The trade could not be loaded (HTTP ${r.status}).`;
      return;
    }
    dialog.querySelector("#story-message").textContent = "";
    show(r.json);
  }

  /** Makes a table row open the story at url, by click or by Enter. */
  function rows(tr, url) {
    tr.classList.add("story-row");
    tr.tabIndex = 0;
    tr.title = "Open this trade's story";
    tr.addEventListener("click", () => open(url));
    // The Enter must not go on to press the dialog's Close button, which takes the focus.
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); open(url); } });
  }

  return { open, rows };
})();
