import type { FastifyInstance } from 'fastify';

/**
 * The back office's first page: plain HTML and a small script over the /admin/api endpoints
 * (sign-in, stores and pairing codes, terminals with their acked head, backlog and last error,
 * sales per store, terminal and day with a bar per store). The React + Mantine back office of
 * DESIGN.md replaces it; the API stays. Labels in zh-CN and en side by side.
 */
export function registerBackOfficePage(app: FastifyInstance): void {
  const headers = {
    'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  app.get('/admin', async (_req, reply) => reply.headers({ ...headers, 'content-type': 'text/html; charset=utf-8' }).send(PAGE));
  app.get('/admin/app.js', async (_req, reply) => reply.headers({ ...headers, 'content-type': 'text/javascript; charset=utf-8' }).send(SCRIPT));
  app.get('/admin/app.css', async (_req, reply) => reply.headers({ ...headers, 'content-type': 'text/css; charset=utf-8' }).send(STYLE));
}

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Counter POS 总部后台 Back office</title><link rel="stylesheet" href="/admin/app.css"></head>
<body>
<header><h1>Counter POS 总部后台 · Back office</h1><a href="/admin/coupons" style="color:#fff">优惠券 Coupons</a><span id="who"></span><button id="sign-out" hidden>退出 Sign out</button></header>
<main>
<section id="sign-in-box" hidden>
  <h2>登录 Sign in</h2>
  <form id="sign-in">
    <label>用户名 User <input name="username" value="admin" autocomplete="username" required></label>
    <label>密码 Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">登录 Sign in</button>
  </form>
</section>
<div id="app" hidden>
  <section>
    <h2>门店 Stores</h2>
    <form id="new-store"><label>新门店 New store <input name="name" required maxlength="80"></label>
      <label>时区 Time zone <input name="timeZone" value="Asia/Shanghai" required></label><button type="submit">添加 Add</button></form>
    <table><thead><tr><th>门店 Store</th><th>时区 Time zone</th><th>配对码 Pairing code</th></tr></thead><tbody id="stores"></tbody></table>
  </section>
  <section>
    <h2>终端 Terminals</h2>
    <table><thead><tr><th>终端 Terminal</th><th>门店 Store</th><th>已确认 Acked</th><th>待上传 Backlog</th><th>最近联系 Last seen</th><th>最近错误 Last error</th><th></th></tr></thead>
    <tbody id="terminals"></tbody></table>
  </section>
  <section>
    <h2>销售 Sales</h2>
    <div id="chart"></div>
    <table><thead><tr><th>营业日 Day</th><th>门店 Store</th><th>终端 Terminal</th><th>笔数 Entries</th><th>金额 Amount</th></tr></thead><tbody id="sales"></tbody></table>
  </section>
</div>
<p id="message" role="status"></p>
</main>
<script src="/admin/app.js"></script>
</body></html>`;

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;background:#f6f7f9;color:#222}
header{display:flex;gap:16px;align-items:center;padding:12px 24px;background:#1c3f6e;color:#fff}header h1{font-size:20px;margin:0;flex:1}
main{padding:16px 24px}section{background:#fff;border:1px solid #dde;border-radius:12px;padding:12px 16px;margin-bottom:16px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:8px;border-bottom:1px solid #eee}
button{min-height:44px;padding:0 16px;border-radius:8px;border:1px solid #1c3f6e;background:#1c3f6e;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1c3f6e}input{min-height:40px;padding:0 8px;margin:0 8px;border:1px solid #bbc;border-radius:6px}
form{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:12px}.bar{background:#3b7dd8;height:20px;border-radius:4px}
.row{display:grid;grid-template-columns:200px 1fr 140px;gap:8px;align-items:center;margin:4px 0}code{font-size:18px}#message{color:#a33}`;

const SCRIPT = `'use strict';
let csrf = null;
const $ = (id) => document.getElementById(id);
const say = (text) => { $('message').textContent = text || ''; };
const money = (minor, unit) => (minor / 100).toFixed(2) + ' ' + unit;
async function api(method, path, body) {
  const res = await fetch(path, { method, credentials: 'same-origin',
    headers: Object.assign({}, body !== undefined ? { 'content-type': 'application/json' } : {}, csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
    body: body !== undefined ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((json.error && json.error.message) || ('HTTP ' + res.status));
  return json;
}
function cell(tr, text) { const td = document.createElement('td'); td.textContent = text == null ? '—' : String(text); tr.appendChild(td); return td; }
function button(label, onClick, secondary) { const b = document.createElement('button'); b.type = 'button'; b.textContent = label; if (secondary) b.className = 'secondary'; b.addEventListener('click', onClick); return b; }
async function load() {
  const [stores, terminals, sales] = await Promise.all([api('GET', '/admin/api/stores'), api('GET', '/admin/api/terminals'), api('GET', '/admin/api/sales')]);
  const names = new Map(stores.map((s) => [s.id, s.name]));
  $('stores').replaceChildren(...stores.map((s) => {
    const tr = document.createElement('tr'); cell(tr, s.name); cell(tr, s.timeZone);
    const td = cell(tr, ''); td.appendChild(button('生成配对码 New pairing code', async () => {
      try { const c = await api('POST', '/admin/api/stores/' + s.id + '/pairing-codes', { ttlMinutes: 30 });
        td.replaceChildren(Object.assign(document.createElement('code'), { textContent: c.code }), document.createTextNode(' 有效至 valid until ' + new Date(c.expiresAt).toLocaleTimeString()));
      } catch (e) { say(e.message); } }, true));
    return tr; }));
  $('terminals').replaceChildren(...terminals.map((t) => {
    const tr = document.createElement('tr'); cell(tr, t.name); cell(tr, names.get(t.storeId)); cell(tr, t.ackedSeq); cell(tr, t.backlog);
    cell(tr, t.lastSeenAt ? new Date(t.lastSeenAt).toLocaleString() : null); cell(tr, t.lastError);
    const td = cell(tr, t.revokedAt ? '已停用 Revoked' : '');
    if (!t.revokedAt) td.appendChild(button('停用 Revoke', async () => { if (!confirm('停用此终端？ Revoke this terminal?')) return; try { await api('POST', '/admin/api/terminals/' + t.id + '/revoke', {}); await load(); } catch (e) { say(e.message); } }, true));
    return tr; }));
  $('sales').replaceChildren(...sales.map((r) => { const tr = document.createElement('tr'); cell(tr, r.day); cell(tr, r.storeName); cell(tr, r.terminalName); cell(tr, r.entries); cell(tr, money(r.amount, r.unit)); return tr; }));
  const byStore = new Map(); for (const r of sales) { const k = r.storeName + ' ' + r.unit; byStore.set(k, (byStore.get(k) || 0) + r.amount); }
  const max = Math.max(1, ...byStore.values());
  $('chart').replaceChildren(...[...byStore].map(([k, v]) => { const row = document.createElement('div'); row.className = 'row';
    const label = document.createElement('span'); label.textContent = k; const bar = document.createElement('div'); bar.className = 'bar'; bar.style.width = Math.max(2, Math.round(100 * v / max)) + '%';
    const value = document.createElement('span'); value.textContent = (v / 100).toFixed(2); row.append(label, bar, value); return row; }));
}
function show(signedIn, who) {
  $('sign-in-box').hidden = signedIn; $('app').hidden = !signedIn; $('sign-out').hidden = !signedIn; $('who').textContent = who || '';
  if (signedIn) load().catch((e) => say(e.message));
}
$('sign-in').addEventListener('submit', async (e) => { e.preventDefault(); const f = new FormData(e.target);
  try { const s = await api('POST', '/admin/api/sign-in', { username: f.get('username'), password: f.get('password') }); csrf = s.csrfToken; say(''); show(true, s.username); }
  catch (err) { say(err.message); } });
$('new-store').addEventListener('submit', async (e) => { e.preventDefault(); const f = new FormData(e.target);
  try { await api('POST', '/admin/api/stores', { name: f.get('name'), timeZone: f.get('timeZone') }); e.target.reset(); await load(); } catch (err) { say(err.message); } });
$('sign-out').addEventListener('click', async () => { try { await api('POST', '/admin/api/sign-out', {}); } finally { csrf = null; show(false); } });
api('GET', '/admin/api/session').then((s) => { csrf = s.csrfToken; show(true, s.username); }, () => show(false));
`;
