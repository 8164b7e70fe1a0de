// The parameter form both pages share: built from GET api/config, validated here with the
// server's own rules (SettingsValidator), collected into the request body the API reads.
// No libraries. Exposes window.Params.
"use strict";
(() => {
  const P = "LiveTrader:";
  const SESSION_OPEN = "09:15";
  const SESSION_CLOSE = "15:30";
  const TIMEFRAME_LABELS = { "3minute": "3m", "5minute": "5m", "15minute": "15m", "30minute": "30m", "60minute": "1h" };

  // Per-segment rows: config field, server key suffix, label, input attributes.
  const SEGMENT_FIELDS = [
    { field: "stopLossPoints", key: "StopLossPoints", label: "SL points", min: "0.05", step: "any", required: true },
    { field: "trailingStopPoints", key: "TrailingStopPoints", label: "Trailing SL points", min: "0.05", step: "any", required: true },
    { field: "itmOffsetPoints", key: "ItmOffsetPoints", label: "ITM offset (points)", min: "0", stepFromStrike: true, required: true },
    { field: "pyramidPoints", key: "PyramidPoints", label: "Pyramid points (0 = off)", min: "0", step: "any", required: true },
    { field: "lotAddition", key: "LotAddition", label: "Lot addition", min: "0", step: "1", required: true, integer: true },
    { field: "maxQuantity", key: "MaxQuantity", label: "Max quantity", minFromLot: true, step: "1", required: true, integer: true },
    { field: "maxTradesPerDay", key: "MaxTradesPerDay", label: "Max trades / day", min: "1", step: "1", required: true, integer: true },
    { field: "maxDailyLoss", key: "MaxDailyLoss", label: "Max daily loss ₹ (blank = off)", min: "0", step: "any", optional: true },
    { field: "tradingWindowStart", key: "TradingWindowStart", label: "Trading window start", time: true, required: true },
    { field: "tradingWindowEnd", key: "TradingWindowEnd", label: "Trading window end", time: true, required: true },
  ];

  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "className") e.className = v;
      else if (k === "htmlFor") e.htmlFor = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  };
  const errorSlot = (key) => el("p", { className: "error", "data-error-for": key, "aria-live": "polite" });
  const numText = (v) => (v === null || v === undefined ? "" : String(v));
  const minutes = (hhmm) => {
    const m = /^(\d{2}):(\d{2})$/.exec(hhmm || "");
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };

  /** A labelled field: label, control, error slot (the slot right after the control). */
  function field(labelText, control, key, hint) {
    const wrap = el("div", { className: "field" });
    wrap.append(el("label", { htmlFor: control.id, text: labelText }), control);
    if (hint) {
      const h = el("small", { className: "hint", id: `${control.id}-hint`, text: hint });
      control.setAttribute("aria-describedby", h.id);
      wrap.append(errorSlot(key), h);
    } else wrap.append(errorSlot(key));
    return wrap;
  }

  function numberInput(id, value, attrs) {
    return el("input", { id, name: id, type: "number", inputmode: "decimal", value: numText(value), ...attrs });
  }

  /**
   * Builds the form into `container`. options.live adds mode, feed, speed and date (Live page).
   * Returns a controller: { config, validate(), collect(), showErrors(errors), clearErrors(),
   * selectedSegments(), setKiteAvailable(loggedIn, hint), setDisabled(bool) }.
   */
  function build(container, config, options = {}) {
    const live = !!options.live;
    container.textContent = "";
    const segs = config.segments || [];
    const groups = [];

    // Mode, feed, simulator speed and day (Live page), or mode only (Backtest: none at all).
    if (live) {
      const mode = el("select", { id: "mode", name: "mode" });
      for (const m of config.modes || [{ name: "Paper", enabled: true }]) {
        const enabled = m.name === "Live" ? !!config.liveEnabled && m.enabled !== false : m.enabled !== false;
        mode.append(el("option", { value: m.name, disabled: !enabled, text: enabled ? m.name : `${m.name} (disabled in configuration)` }));
      }
      mode.value = "Paper";
      const feed = el("select", { id: "feed", name: "feed" });
      feed.append(el("option", { value: "sim", text: "Simulator" }));
      feed.append(el("option", { value: "kite", disabled: true, text: "Kite (log in first)" }));
      const speed = numberInput("speed", 60, { min: "1", max: "10000", step: "any", required: true });
      const date = el("input", { id: "date", name: "date", type: "date" });
      const speedField = field("Simulator speed (×)", speed, "speed");
      const dateField = field("Simulated day", date, "date", "blank = latest weekday");
      speedField.dataset.simOnly = "";
      dateField.dataset.simOnly = "";
      const feedField = field("Feed", feed, "feed");
      feedField.querySelector(".error").after(el("small", { className: "hint", id: "feed-hint", text: "" }));
      feed.setAttribute("aria-describedby", "feed-hint");
      const showSim = () => {
        const sim = feed.value === "sim";
        for (const f of [speedField, dateField]) f.hidden = !sim;
      };
      feed.addEventListener("change", showSim);
      showSim();
      groups.push(el("fieldset", { className: "group" }, el("legend", { text: "Mode and feed" }),
        el("div", { className: "grid" }, field("Mode", mode, "mode"), feedField, speedField, dateField)));
    }

    // Segments.
    const segBox = el("div", { className: "checks" });
    for (const s of segs) {
      const id = `segment-${s.name}`;
      const input = el("input", { id, type: "checkbox", name: "segment", value: s.name, checked: s.enabled !== false });
      segBox.append(el("span", { className: "check" }, input, el("label", { htmlFor: id, text: s.name })));
    }
    groups.push(el("fieldset", { className: "group" }, el("legend", { text: "Segments" }), segBox, errorSlot("segments")));

    // Strategy.
    const st = config.strategy || {};
    const tf = el("select", { id: "timeframe", name: "timeframe" });
    for (const t of config.timeframes || ["5minute"]) tf.append(el("option", { value: t, text: TIMEFRAME_LABELS[t] || t }));
    tf.value = st.timeframe || "5minute";
    groups.push(el("fieldset", { className: "group" }, el("legend", { text: "Strategy" }),
      el("div", { className: "grid" },
        field("Time interval", tf, `${P}Strategy:Timeframe`),
        field("RSI period", numberInput("rsi-period", st.rsiPeriod, { min: "2", step: "1", required: true }), `${P}Strategy:RsiPeriod`),
        field("Price Strength length (EMA of RSI, blue)", numberInput("ps-length", st.priceStrength && st.priceStrength.length, { min: "1", step: "1", required: true }), `${P}Strategy:PriceStrength:Length`),
        field("Volume Strength length (WMA of RSI, red)", numberInput("vs-length", st.volumeStrength && st.volumeStrength.length, { min: "1", step: "1", required: true }), `${P}Strategy:VolumeStrength:Length`),
        field("Initial capital ₹", numberInput("initial-capital", config.initialCapital, { min: "1", step: "any", required: true }), `${P}InitialCapital`))));

    // Global risk.
    const risk = config.risk || {};
    groups.push(el("fieldset", { className: "group" }, el("legend", { text: "Global risk (all segments)" }),
      el("div", { className: "grid" },
        field("Daily loss limit ₹", numberInput("daily-loss-limit", risk.dailyLossLimit, { min: "0", step: "any", placeholder: "off" }), `${P}Risk:DailyLossLimit`, "blank = off"),
        field("Daily profit target ₹", numberInput("daily-profit-target", risk.dailyProfitTarget, { min: "0", step: "any", placeholder: "off" }), `${P}Risk:DailyProfitTarget`, "blank = off"))));

    // Account protection (spec 9): on the account's day net, realised plus open; each closes every position.
    const guard = risk.protection || {};
    groups.push(el("fieldset", { className: "group" }, el("legend", { text: "Account protection" }),
      el("div", { className: "grid" },
        field("Daily loss protection ₹", numberInput("protection-daily-loss", guard.dailyLoss, { min: "0", step: "any", placeholder: "off" }), `${P}Risk:Protection:DailyLoss`, "close all at this loss; blank = off"),
        field("Lock profit from ₹", numberInput("profit-lock-at", guard.profitLockAt, { min: "0", step: "any", placeholder: "off" }), `${P}Risk:Protection:ProfitLockAt`, "blank = off"),
        field("Share locked %", numberInput("profit-lock-percent", guard.profitLockPercent, { min: "0", max: "100", step: "any", required: true }), `${P}Risk:Protection:ProfitLockPercent`),
        field("Account trailing stop ₹", numberInput("account-trailing-stop", guard.trailingStop, { min: "0", step: "any", placeholder: "off" }), `${P}Risk:Protection:TrailingStop`, "below the day's best net; blank = off"))));

    // Per-segment table: rows are fields, columns are segments.
    const table = el("table", { className: "param-table" });
    const head = el("tr", {}, el("th", { scope: "col", text: "Parameter" }));
    for (const s of segs) head.append(el("th", { scope: "col" }, s.name, el("small", { className: "hint col-hint", text: `lot ${s.lotSize} · strike step ${s.strikeStep}` })));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    for (const f of SEGMENT_FIELDS) {
      const tr = el("tr", {}, el("th", { scope: "row", text: f.label }));
      for (const s of segs) {
        const id = `${s.name}-${f.field}`;
        const key = `${P}Segments:${s.name}:${f.key}`;
        let input;
        if (f.time) input = el("input", { id, name: id, type: "time", min: SESSION_OPEN, max: SESSION_CLOSE, value: s[f.field] || "", required: true });
        else {
          const attrs = { min: f.min, step: f.step, required: f.required, placeholder: f.optional ? "off" : null };
          if (f.stepFromStrike) attrs.step = String(s.strikeStep || 1);
          if (f.minFromLot) attrs.min = String(s.lotSize || 1);
          input = numberInput(id, s[f.field], attrs);
        }
        input.dataset.segment = s.name;
        input.dataset.field = f.field;
        const td = el("td", {}, el("label", { htmlFor: id, className: "visually-hidden", text: `${s.name} ${f.label}` }), input, errorSlot(key));
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    groups.push(el("fieldset", { className: "group wide" }, el("legend", { text: "Per segment" }),
      el("div", { className: "table-wrap param-wrap", tabindex: "0", role: "region", "aria-label": "Per-segment parameters" }, table)));

    for (const g of groups) container.append(g);

    const byId = (id) => container.querySelector(`#${CSS.escape(id)}`);
    const value = (id) => { const e = byId(id); return e ? e.value.trim() : ""; };

    function selectedSegments() {
      return [...container.querySelectorAll("input[name=segment]:checked")].map((i) => i.value);
    }

    function slotFor(key) {
      const want = String(key).toLowerCase();
      for (const p of document.querySelectorAll("[data-error-for]")) if (p.dataset.errorFor.toLowerCase() === want) return p;
      return null;
    }

    function clearErrors() {
      for (const p of document.querySelectorAll("[data-error-for]")) p.textContent = "";
      for (const i of document.querySelectorAll("[aria-invalid]")) i.removeAttribute("aria-invalid");
    }

    /** Shows {key: message} in the slots; returns the messages that have no slot. */
    function showErrors(errors) {
      clearErrors();
      const rest = [];
      for (const [key, message] of Object.entries(errors || {})) {
        const slot = slotFor(key);
        if (slot) {
          slot.textContent = message;
          const control = slot.previousElementSibling;
          if (control && /^(INPUT|SELECT)$/.test(control.tagName)) control.setAttribute("aria-invalid", "true");
        } else rest.push(key ? `${key}: ${message}` : message);
      }
      const first = document.querySelector("[aria-invalid=true]");
      if (first) first.focus({ preventScroll: false });
      return rest;
    }

    /** The server's rules, checked before any request; returns {key: message} (empty when fine). */
    function validate(extra = {}) {
      const errors = {};
      const num = (id) => { const t = value(id); return t === "" ? NaN : Number(t); };
      const isInt = (v) => Number.isInteger(v);
      if (extra.segments !== false && selectedSegments().length === 0) errors.segments = "choose at least one segment";
      if (live) {
        const feed = value("feed");
        if (feed === "sim") {
          const speed = num("speed");
          if (!(speed > 0) || speed > 10000) errors.speed = "must be above 0 and at most 10000";
          const d = value("date");
          if (d) {
            const day = new Date(`${d}T12:00:00Z`).getUTCDay();
            if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(day)) errors.date = `'${d}' is not a date like 2026-01-06`;
            else if (day === 0 || day === 6) errors.date = `${d} is a ${day === 0 ? "Sunday" : "Saturday"}; pick a trading day`;
          }
        }
      }
      if (!(config.timeframes || []).includes(value("timeframe"))) errors[`${P}Strategy:Timeframe`] = "choose a timeframe";
      const rsi = num("rsi-period");
      if (!isInt(rsi) || rsi < 2) errors[`${P}Strategy:RsiPeriod`] = "must be a whole number, at least 2";
      const ps = num("ps-length");
      if (!isInt(ps) || ps < 1) errors[`${P}Strategy:PriceStrength:Length`] = "must be a whole number, at least 1";
      const vs = num("vs-length");
      if (!isInt(vs) || vs < 1) errors[`${P}Strategy:VolumeStrength:Length`] = "must be a whole number, at least 1";
      const capital = num("initial-capital");
      if (!(capital > 0)) errors[`${P}InitialCapital`] = "must be positive rupees";
      const lockPercent = num("profit-lock-percent");
      if (!(lockPercent > 0 && lockPercent <= 100)) errors[`${P}Risk:Protection:ProfitLockPercent`] = "must be above 0 and at most 100";
      for (const [id, key] of [["daily-loss-limit", "Risk:DailyLossLimit"], ["daily-profit-target", "Risk:DailyProfitTarget"],
        ["protection-daily-loss", "Risk:Protection:DailyLoss"], ["profit-lock-at", "Risk:Protection:ProfitLockAt"], ["account-trailing-stop", "Risk:Protection:TrailingStop"]]) {
        if (value(id) !== "" && !(num(id) >= 0)) errors[P + key] = "must be positive rupees, or blank to switch it off";
      }
      for (const s of segs) {
        const k = (suffix) => `${P}Segments:${s.name}:${suffix}`;
        const v = (f) => num(`${s.name}-${f}`);
        if (!(v("stopLossPoints") > 0)) errors[k("StopLossPoints")] = "must be positive points";
        if (!(v("trailingStopPoints") > 0)) errors[k("TrailingStopPoints")] = "must be positive points";
        const itm = v("itmOffsetPoints");
        if (!(itm >= 0)) errors[k("ItmOffsetPoints")] = "must not be negative";
        else if (s.strikeStep > 0 && Math.abs(itm / s.strikeStep - Math.round(itm / s.strikeStep)) > 1e-9)
          errors[k("ItmOffsetPoints")] = `must be a multiple of the strike step ${s.strikeStep}`;
        if (!(v("pyramidPoints") >= 0)) errors[k("PyramidPoints")] = "must not be negative (0 switches pyramiding off)";
        const add = v("lotAddition");
        if (!isInt(add) || add < 0) errors[k("LotAddition")] = "must be a whole number, not negative";
        const maxQ = v("maxQuantity");
        if (!isInt(maxQ) || maxQ < (s.lotSize || 1)) errors[k("MaxQuantity")] = `must be a whole number, at least one lot (${s.lotSize})`;
        const trades = v("maxTradesPerDay");
        if (!isInt(trades) || trades < 1) errors[k("MaxTradesPerDay")] = "must be a whole number, at least 1";
        if (value(`${s.name}-maxDailyLoss`) !== "" && !(v("maxDailyLoss") >= 0)) errors[k("MaxDailyLoss")] = "must be positive rupees, or blank to switch it off";
        const start = minutes(value(`${s.name}-tradingWindowStart`));
        const end = minutes(value(`${s.name}-tradingWindowEnd`));
        if (Number.isNaN(start)) errors[k("TradingWindowStart")] = "enter a time like 09:20";
        if (Number.isNaN(end)) errors[k("TradingWindowEnd")] = "enter a time like 15:15";
        if (!Number.isNaN(start) && !Number.isNaN(end)) {
          if (end <= start) errors[k("TradingWindowEnd")] = "window end must be after its start";
          if (start < minutes(SESSION_OPEN) || end > minutes(SESSION_CLOSE)) errors[k("TradingWindowStart")] = "the trading window must lie inside the session 09:15-15:30";
        }
      }
      return errors;
    }

    /** The request body: strategy, risk and per-segment overrides (JSON numbers and "HH:mm" strings). */
    function collect() {
      const n = (id) => Number(value(id));
      const off = (id) => (value(id) === "" ? 0 : Number(value(id)));
      const body = {
        timeframe: value("timeframe"),
        rsiPeriod: n("rsi-period"),
        priceStrengthLength: n("ps-length"),
        volumeStrengthLength: n("vs-length"),
        initialCapital: n("initial-capital"),
        dailyLossLimit: off("daily-loss-limit"),
        dailyProfitTarget: off("daily-profit-target"),
        protectionDailyLoss: off("protection-daily-loss"),
        profitLockAt: off("profit-lock-at"),
        profitLockPercent: n("profit-lock-percent"),
        accountTrailingStop: off("account-trailing-stop"),
        overrides: {},
      };
      for (const s of segs) {
        const o = {};
        for (const f of SEGMENT_FIELDS) {
          const id = `${s.name}-${f.field}`;
          if (f.time) o[f.field] = value(id);
          else if (f.optional) o[f.field] = off(id);
          else o[f.field] = n(id);
        }
        body.overrides[s.name] = o;
      }
      return body;
    }

    /** Kite feed choice: enabled only when the account is logged in. */
    function setKiteAvailable(loggedIn, hint) {
      const feed = byId("feed");
      if (!feed) return;
      const opt = feed.querySelector("option[value=kite]");
      opt.disabled = !loggedIn;
      opt.textContent = loggedIn ? "Kite (live market data)" : "Kite (log in first)";
      if (!loggedIn && feed.value === "kite") { feed.value = "sim"; feed.dispatchEvent(new Event("change")); }
      const h = byId("feed-hint");
      if (h) h.textContent = loggedIn ? "Kite feed trades today's market" : hint || "Kite needs a login";
    }

    function setDisabled(disabled) {
      for (const f of container.querySelectorAll("fieldset")) f.disabled = disabled;
    }

    return { config, validate, collect, showErrors, clearErrors, selectedSegments, setKiteAvailable, setDisabled };
  }

  /** Reads the configuration and builds the form into `container`; null (with the reason shown there)
   *  when the server cannot give it. */
  async function load(container, options) {
    const r = await Api.request("api/config");
    if (!r.ok) {
      container.textContent = "";
      const p = document.createElement("p");
      p.className = "error-box";
      p.textContent = `Parameters not available: ${r.json.error || `HTTP ${r.status}`}. Reload the page when the server is up.`;
      container.append(p);
      return null;
    }
    return build(container, r.json, options);
  }

  window.Params = { build, load, TIMEFRAME_LABELS };
})();
