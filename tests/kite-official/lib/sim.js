'use strict';
// Starts the LiveTrader Kite simulator as a child process and logs in with the official kiteconnect client.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { KiteConnect } = require('kiteconnect');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const API_KEY = 'sim';
const API_SECRET = 'sim-secret';

/** The App built in Release (test.sh builds it); builds it once if it is missing. */
function appDll() {
  if (process.env.LIVETRADER_APP_DLL) {
    if (!fs.existsSync(process.env.LIVETRADER_APP_DLL)) throw new Error(`LIVETRADER_APP_DLL=${process.env.LIVETRADER_APP_DLL} does not exist`);
    return process.env.LIVETRADER_APP_DLL;
  }
  const dll = path.join(repoRoot, 'src', 'LiveTrader.App', 'bin', 'Release', 'net10.0', 'LiveTrader.App.dll');
  if (!fs.existsSync(dll)) {
    const r = spawnSync('dotnet', ['build', path.join(repoRoot, 'src', 'LiveTrader.App'), '-c', 'Release', '-nologo', '-clp:ErrorsOnly'],
      { stdio: 'inherit', timeout: 15 * 60 * 1000 });
    if (r.status !== 0 || !fs.existsSync(dll)) throw new Error(`could not build ${dll}`);
  }
  return dll;
}

/**
 * Starts `LiveTrader.App sim --port 0 ...` and resolves with { base, ws, child, stop } once the first stdout line
 * (the listening line) arrived. `stop()` always ends the child (SIGTERM, then SIGKILL after 10 s).
 */
async function startSim(args, { startTimeoutMs = 120_000 } = {}) {
  const child = spawn('dotnet', [appDll(), 'sim', '--port', '0', ...args], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  const killOnExit = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr.on('data', d => { stderr += d; });
  const exited = new Promise(resolve => child.once('exit', (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const first = await new Promise((resolve, reject) => {
      const rl = readline.createInterface({ input: child.stdout });
      const timer = setTimeout(() => reject(new Error(`simulator printed nothing in ${startTimeoutMs} ms; stderr: ${stderr}`)), startTimeoutMs);
      rl.once('line', line => { clearTimeout(timer); resolve(line); });
      exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`simulator exited (${code ?? signal}) before listening; stderr: ${stderr}`)); });
    });
    child.stdout.resume(); // keep draining later lines
    const m = /^Kite simulator listening on (http:\/\/\S+) \(REST\) and (ws:\/\/\S+) \(ticker\)$/.exec(first);
    if (!m) throw new Error(`unexpected first line from the simulator: ${JSON.stringify(first)}`);
    return { base: m[1], ws: m[2], child, stop, stderr: () => stderr };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The browser step of the Kite login: GET /connect/login answers 302 with request_token in Location. */
async function requestToken(base) {
  const res = await fetch(new URL(`connect/login?v=3&api_key=${API_KEY}`, base), { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`login answered ${res.status}, expected 302`);
  const location = res.headers.get('location');
  const token = new URL(location).searchParams.get('request_token');
  if (!token) throw new Error(`no request_token in ${location}`);
  return { token, location };
}

/** Logs in with the official KiteConnect (root = the simulator) and returns { kc, session }. */
async function login(base) {
  const kc = new KiteConnect({ api_key: API_KEY, root: base.replace(/\/$/, ''), timeout: 30_000 });
  const { token } = await requestToken(base);
  const session = await kc.generateSession(token, API_SECRET);
  return { kc, session };
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Retries a call the simulator rate-limited (429 NetworkException "Too many requests"), waiting out the 1 s window. */
async function unthrottled(call, tries = 8) {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      const limited = e && e.error_type === 'NetworkException' && /too many requests/i.test(e.message || '');
      if (!limited || i >= tries) throw e;
      await sleep(1100);
    }
  }
}

module.exports = { startSim, login, requestToken, unthrottled, sleep, API_KEY, API_SECRET, repoRoot };
