// The Live Trader page's order table: every order of the day as the ledger holds it (status, filled,
// average price, Kite's id, and why it was refused or cancelled), newest first, refreshed with the status.
"use strict";
(() => {
  const REFRESH_MS = 2000;
  const body = document.querySelector("#orders tbody");
  const count = document.getElementById("orders-count");
  const price = (v) => (v === null || v === undefined || v === 0 ? "" : Number(v).toFixed(2));
  let shown = "";

  function cell(text, cls) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (cls) td.className = cls;
    return td;
  }

  function render(orders) {
    const key = JSON.stringify(orders);
    if (key === shown) return; // unchanged: keep the reader's scroll and selection
    shown = key;
    body.textContent = "";
    for (const o of [...orders].reverse()) {
      const tr = document.createElement("tr");
      tr.dataset.state = o.state;
      tr.append(cell(o.asked), cell(o.segment), cell(o.clientId), cell(o.purpose), cell(o.side), cell(o.type),
        cell(o.quantity, "num"), cell(price(o.triggerPrice), "num"), cell(o.state), cell(o.filled, "num"),
        cell(price(o.averagePrice), "num"), cell(o.brokerOrderId), cell(o.reason));
      body.append(tr);
    }
    count.textContent = orders.length === 0 ? "No orders today." : `${orders.length} order${orders.length === 1 ? "" : "s"}`;
  }

  async function refresh() {
    const r = await Api.request("api/orders");
    if (r.ok && Array.isArray(r.json.orders)) render(r.json.orders);
    setTimeout(refresh, REFRESH_MS);
  }

  refresh();
})();
