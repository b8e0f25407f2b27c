import type { FastifyInstance } from 'fastify';

/**
 * The back office's coupon page (`/admin/coupons`): plain HTML and a small script over
 * `/admin/api/coupons` and `/admin/api/coupon-displays`, in the style of the first back-office page
 * (sign in there; the session cookie and CSRF token are the same). Money is typed in yuan and sent
 * in fen, converted from the digits (never through a float). Labels in zh-CN and en side by side.
 */
export function registerCouponBackOfficePage(app: FastifyInstance): void {
  const headers = {
    'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  app.get('/admin/coupons', async (_req, reply) => reply.headers({ ...headers, 'content-type': 'text/html; charset=utf-8' }).send(PAGE));
  app.get('/admin/coupons.js', async (_req, reply) => reply.headers({ ...headers, 'content-type': 'text/javascript; charset=utf-8' }).send(SCRIPT));
}

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>优惠券 Coupons · Counter POS</title><link rel="stylesheet" href="/admin/app.css"></head>
<body>
<header><h1>优惠券 Coupons</h1><a href="/admin" style="color:#fff">返回后台 Back office</a></header>
<main>
<section>
  <h2>优惠券 Coupon</h2>
  <form id="coupon">
    <label>编号 Id <input name="id" required maxlength="80" pattern="[A-Za-z0-9._:\\-]+"></label>
    <label>名称 Title (中文) <input name="titleZh" required maxlength="60"></label>
    <label>Title (English) <input name="titleEn" maxlength="60"></label>
    <label>优惠 Offer <select name="kind">
      <option value="amountOff">满减 Amount off over a threshold</option><option value="percentOff">折扣 Percent off (cap)</option>
      <option value="fixedPrice">一口价 Fixed price</option><option value="buyNGetOne">买N送一 Buy N get one</option></select></label>
    <label>门槛 Threshold ¥ <input name="threshold" value="0" inputmode="decimal"></label>
    <label>减 Off ¥ <input name="off" inputmode="decimal"></label>
    <label>折扣 Percent off % <input name="percent" inputmode="numeric"></label>
    <label>最高减 Cap ¥ <input name="cap" inputmode="decimal"></label>
    <label>价格 Price ¥ <input name="price" inputmode="decimal"></label>
    <label>买 Buy N <input name="buy" inputmode="numeric"></label>
    <label>范围 Scope <select name="scopeKind">
      <option value="all">全部 All</option><option value="items">商品 Items</option><option value="categories">品类 Categories</option>
      <option value="store">门店 Store</option><option value="merchant">商户 Merchant</option></select></label>
    <label>范围值 Scope values (逗号分隔 comma separated) <input name="scopeValues"></label>
    <label>开始 From <input name="validFrom" placeholder="2026-12-01 00:00"></label>
    <label>结束 To <input name="validTo" placeholder="2027-01-01 00:00"></label>
    <label>时区 Time zone <input name="timeZone" value="Asia/Shanghai" required></label>
    <label>每人限领 Per member <input name="perMemberLimit" value="1" inputmode="numeric" required></label>
    <label>发行总量 Total (空=不限 empty = no limit) <input name="totalLimit" inputmode="numeric"></label>
    <label><input type="checkbox" name="stacks"> 可叠加 Stacks</label>
    <button type="submit">保存并发布 Save and publish</button>
  </form>
  <table><thead><tr><th>编号 Id</th><th>名称 Title</th><th>优惠 Offer</th><th>已领 Issued</th><th>有效期 Valid</th><th></th></tr></thead><tbody id="coupons"></tbody></table>
</section>
<section>
  <h2>商品展示 Product displays</h2>
  <form id="display">
    <label>编号 Id <input name="id" required maxlength="80"></label>
    <label>标题 Title (中文) <input name="titleZh" required maxlength="60"></label>
    <label>Title (English) <input name="titleEn" maxlength="60"></label>
    <label>商品 Item ids <input name="itemIds" required></label>
    <label>文案 Text (中文) <input name="textZh" maxlength="200"></label>
    <label>Text (English) <input name="textEn" maxlength="200"></label>
    <label>图片 Image URL <input name="imageUrl"></label>
    <label>顺序 Order <input name="sort" value="0" inputmode="numeric"></label>
    <button type="submit">保存并推送 Save and push</button>
  </form>
  <table><thead><tr><th>编号 Id</th><th>标题 Title</th><th>商品 Items</th><th>顺序 Order</th><th></th></tr></thead><tbody id="displays"></tbody></table>
</section>
<p id="message" role="status"></p>
</main>
<script src="/admin/coupons.js"></script>
</body></html>`;

const SCRIPT = `'use strict';
let csrf = null;
const $ = (id) => document.getElementById(id);
const say = (text) => { $('message').textContent = text || ''; };
async function api(method, path, body) {
  const res = await fetch(path, { method, credentials: 'same-origin',
    headers: Object.assign({}, body !== undefined ? { 'content-type': 'application/json' } : {}, csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
    body: body !== undefined ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((json.error && (json.error.code + ': ' + json.error.message)) || ('HTTP ' + res.status));
  return json;
}
// "12.5" yuan -> 1250 fen from the digits; anything else is sent as-is for the server to refuse.
function fen(text) { const m = /^\\s*(\\d+)(?:\\.(\\d{1,2}))?\\s*$/.exec(text || ''); return m ? Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')) : text; }
const yuan = (f) => (f / 100).toFixed(2);
const int = (text) => (/^\\s*\\d+\\s*$/.test(text || '') ? Number(text) : text);
const list = (text) => String(text || '').split(/[,，\\s]+/).filter(Boolean);
function cell(tr, text) { const td = document.createElement('td'); td.textContent = text == null ? '—' : String(text); tr.appendChild(td); return td; }
function button(label, onClick) { const b = document.createElement('button'); b.type = 'button'; b.className = 'secondary'; b.textContent = label; b.addEventListener('click', onClick); return b; }
function offerText(o) {
  if (o.kind === 'amountOff') return '满' + yuan(o.threshold) + '减' + yuan(o.off);
  if (o.kind === 'percentOff') return (100 - o.percent) / 10 + '折' + (o.cap !== null ? ' 最高减' + yuan(o.cap) : '') + (o.threshold ? ' 满' + yuan(o.threshold) : '');
  if (o.kind === 'fixedPrice') return '一口价 ' + yuan(o.price);
  return '买' + o.buy + '送一';
}
function offerOf(f) {
  const k = f.get('kind');
  if (k === 'amountOff') return { kind: k, threshold: fen(f.get('threshold')), off: fen(f.get('off')) };
  if (k === 'percentOff') return { kind: k, percent: int(f.get('percent')), cap: f.get('cap') ? fen(f.get('cap')) : null, threshold: fen(f.get('threshold') || '0') };
  if (k === 'fixedPrice') return { kind: k, price: fen(f.get('price')) };
  return { kind: k, buy: int(f.get('buy')) };
}
function scopeOf(f) {
  const k = f.get('scopeKind'); const v = list(f.get('scopeValues'));
  if (k === 'items') return { kind: k, itemIds: v };
  if (k === 'categories') return { kind: k, categories: v };
  if (k === 'store') return { kind: k, storeId: v[0] || '' };
  if (k === 'merchant') return { kind: k, merchantId: v[0] || '' };
  return { kind: 'all' };
}
function edit(c) {
  const form = $('coupon'); const r = c.rule; const o = r.offer; const s = r.scope;
  const set = (n, v) => { form.elements[n].value = v == null ? '' : v; };
  set('id', c.id); set('titleZh', r.titleZh); set('titleEn', r.titleEn); set('kind', o.kind);
  set('threshold', o.threshold != null ? yuan(o.threshold) : '0'); set('off', o.off != null ? yuan(o.off) : ''); set('percent', o.percent);
  set('cap', o.cap != null ? yuan(o.cap) : ''); set('price', o.price != null ? yuan(o.price) : ''); set('buy', o.buy);
  set('scopeKind', s.kind); set('scopeValues', (s.itemIds || s.categories || [s.storeId || s.merchantId || '']).join(','));
  set('validFrom', r.validFrom || ''); set('validTo', r.validTo || ''); set('perMemberLimit', r.perMemberLimit); set('totalLimit', r.totalLimit);
  form.elements.stacks.checked = r.stacks;
}
async function load() {
  const data = await api('GET', '/admin/api/coupons');
  $('coupons').replaceChildren(...data.coupons.map((c) => {
    const tr = document.createElement('tr'); cell(tr, c.id); cell(tr, c.rule.titleZh + ' ' + c.rule.titleEn); cell(tr, offerText(c.rule.offer));
    cell(tr, c.issued + (c.rule.totalLimit !== null ? ' / ' + c.rule.totalLimit : ''));
    cell(tr, (c.rule.validFrom ? new Date(c.rule.validFrom).toLocaleString() : '…') + ' – ' + (c.rule.validTo ? new Date(c.rule.validTo).toLocaleString() : '…'));
    const td = cell(tr, c.withdrawnAt ? '已撤回 Withdrawn ' : '');
    td.appendChild(button('编辑 Edit', () => edit(c)));
    if (!c.withdrawnAt) td.appendChild(button('撤回 Withdraw', async () => { if (!confirm('撤回此优惠券？ Withdraw this coupon?')) return;
      try { await api('POST', '/admin/api/coupons/' + encodeURIComponent(c.id) + '/withdraw', {}); await load(); } catch (e) { say(e.message); } }));
    return tr; }));
  $('displays').replaceChildren(...data.displays.map((d) => {
    const tr = document.createElement('tr'); cell(tr, d.id); cell(tr, d.titleZh + ' ' + d.titleEn); cell(tr, d.itemIds.join(', ')); cell(tr, d.sort);
    cell(tr, '').appendChild(button('删除 Delete', async () => { try { await api('POST', '/admin/api/coupon-displays/' + encodeURIComponent(d.id) + '/delete', {}); await load(); } catch (e) { say(e.message); } }));
    return tr; }));
}
$('coupon').addEventListener('submit', async (e) => { e.preventDefault(); const f = new FormData(e.target);
  const body = { id: f.get('id'), titleZh: f.get('titleZh'), titleEn: f.get('titleEn'), offer: offerOf(f), scope: scopeOf(f),
    validFrom: f.get('validFrom') || null, validTo: f.get('validTo') || null, timeZone: f.get('timeZone'),
    perMemberLimit: int(f.get('perMemberLimit')), totalLimit: f.get('totalLimit') ? int(f.get('totalLimit')) : null, stacks: f.get('stacks') === 'on' };
  try { await api('POST', '/admin/api/coupons', body); say('已发布 Published'); await load(); } catch (err) { say(err.message); } });
$('display').addEventListener('submit', async (e) => { e.preventDefault(); const f = new FormData(e.target);
  const body = { id: f.get('id'), titleZh: f.get('titleZh'), titleEn: f.get('titleEn'), itemIds: list(f.get('itemIds')), textZh: f.get('textZh'), textEn: f.get('textEn'),
    imageUrl: f.get('imageUrl') || null, sort: int(f.get('sort')) };
  try { await api('POST', '/admin/api/coupon-displays', body); say('已推送 Pushed'); await load(); } catch (err) { say(err.message); } });
api('GET', '/admin/api/session').then((s) => { csrf = s.csrfToken; return load(); }).catch(() => say('请先登录后台 Sign in to the back office first: /admin'));
`;
