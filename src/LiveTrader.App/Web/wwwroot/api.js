// How both pages talk to the server: JSON requests that never throw, same-origin writes with the
// anti-CSRF header, and downloads that explain a missing file instead of opening raw JSON.
"use strict";
window.Api = (() => {
  const HEADERS = { "Content-Type": "application/json", "X-Requested-With": "LiveTrader" };

  async function request(path, options = {}) {
    try {
      const response = await fetch(path, { credentials: "same-origin", cache: "no-store", ...options });
      const json = await response.json().catch(() => null);
      return { ok: response.ok, status: response.status, json: json || {} };
    } catch (e) {
      return { ok: false, status: 0, json: { error: "the server did not answer (is it running?)" } };
    }
  }

  const post = (path, body) => request(path, { method: "POST", headers: HEADERS, body: JSON.stringify(body || {}) });

  /** Fetches the link's file and saves it under the server's name, telling `out` how it went. */
  async function download(link, out) {
    out.textContent = "Preparing download…";
    try {
      const response = await fetch(link.getAttribute("href"), { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) {
        const json = await response.json().catch(() => ({}));
        out.textContent = json.error || `Not available yet (HTTP ${response.status}).`;
        return;
      }
      const blob = await response.blob();
      const disposition = response.headers.get("Content-Disposition") || "";
      const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
      const name = m ? decodeURIComponent(m[1]) : link.getAttribute("href").split("/").pop();
      const url = URL.createObjectURL(blob);
      const save = document.createElement("a");
      save.href = url;
      save.download = name;
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      out.textContent = `Downloaded ${name}.`;
    } catch (e) {
      out.textContent = "Download failed: the server did not answer.";
    }
  }

  return { request, post, download };
})();
