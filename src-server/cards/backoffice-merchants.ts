import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminGuards } from '../admin';
import type { ServerDb } from '../db';
import { findMember } from '../members/members';
import { cardMember, cardView, type CardRow } from './cards';
import { cardRefusal } from './errors';
import { ANY_CARD, type CardsService } from './service';

const HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The back office's member-cards page (`/admin/merchants`, plain HTML + script like /admin):
 * applications with approve / reject (reason asked), suspend / reinstate, the poster, the
 * merchant's products, and its members' cards with balances kept live over server-sent events
 * (`/admin/api/cards/live`, any card changed → the list is read again). The decisions go through
 * the audited routes of admin-routes.ts.
 */
export function registerMerchantBackOffice(app: FastifyInstance, db: ServerDb, cards: CardsService, now: () => Date): void {
  const { session } = adminGuards(db, now);
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  app.get('/admin/merchants', async (_req, reply) => reply.headers({ ...HEADERS, 'content-type': 'text/html; charset=utf-8' }).send(PAGE));
  app.get('/admin/merchants.js', async (_req, reply) => reply.headers({ ...HEADERS, 'content-type': 'text/javascript; charset=utf-8' }).send(SCRIPT));

  void app.register(async (scope) => {
    scope.setErrorHandler((err: Error, req: FastifyRequest, reply: FastifyReply) => {
      const r = cardRefusal(err);
      if (r) return reply.status(r.status).send({ error: r.body });
      req.log.error({ err }, 'member cards back office failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'The server failed; nothing was changed. Try again.' } });
    });

    /** The merchant's members' cards with their balances now (newest first, at most 200). */
    scope.get('/admin/api/merchants/:id/cards', async (req) => {
      await session(req);
      const { id } = req.params as { id: string };
      const rows = await db.all<CardRow>(`SELECT id, merchant_id, member_id, product_id, product_name, kind, terms, expires_at, used, opened_at FROM member_card WHERE merchant_id = ? ORDER BY opened_at DESC, id LIMIT 200`, [String(id).slice(0, 64)]);
      const t = now();
      return Promise.all(rows.map(async (c) => ({ card: await cardView(db, c, t), member: cardMember((await findMember(db, { id: c.member_id }))!) })));
    });

    scope.get('/admin/api/cards/live', async (req, reply) => {
      await session(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      const send = (memberId: string) => {
        if (!res.writableEnded) res.write(`event: changed\ndata: ${JSON.stringify({ memberId })}\n\n`);
      };
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      const end = () => {
        clearInterval(keepAlive);
        cards.live.off(ANY_CARD, send);
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      cards.live.on(ANY_CARD, send);
      streams.add(end);
      req.raw.on('close', end);
      res.write(': open\n\n');
    });
  });
}

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>会员卡商户 Member-card merchants</title><link rel="stylesheet" href="/admin/app.css"></head>
<body>
<header><h1>会员卡商户 · Member-card merchants</h1><a href="/admin" style="color:#fff">总部后台 Back office</a></header>
<main>
<p id="signed-out" hidden>请先在 <a href="/admin">总部后台</a> 登录 · Sign in at the <a href="/admin">back office</a> first.</p>
<div id="app" hidden>
  <section>
    <h2>商户入驻申请 Apply</h2>
    <form id="apply"><label>门店 Store <select name="storeId" id="stores" required></select></label>
      <label>商户名称 Name <input name="name" required maxlength="80" data-testid="merchant-name"></label>
      <label>联系人 Contact <input name="contact" maxlength="80"></label><label>电话 Phone <input name="phone" maxlength="40"></label>
      <label>地址 Address <input name="address" maxlength="200"></label><button type="submit" data-testid="apply">提交申请 Apply</button></form>
  </section>
  <section>
    <h2>商户 Merchants</h2>
    <table><thead><tr><th>商户 Merchant</th><th>门店 Store</th><th>状态 State</th><th>审核 Decisions</th><th></th></tr></thead><tbody id="merchants"></tbody></table>
  </section>
  <section id="detail" hidden>
    <h2 id="detail-title"></h2>
    <h3>卡产品 Card products</h3>
    <table><thead><tr><th>名称 Name</th><th>类型 Kind</th><th>条款 Terms</th></tr></thead><tbody id="products"></tbody></table>
    <form id="product"><label>名称 Name <input name="name" required maxlength="60"></label>
      <label>类型 Kind <select name="kind"><option value="stored">储值卡 Stored value</option><option value="punch">次卡 Punch card</option><option value="voucher">代金券 Voucher</option></select></label>
      <label>充值档位 Tiers (元 pay:bonus) <input name="tiers" placeholder="100:20,200:50"></label>
      <label>次数/面值 Uses / value (元) <input name="count"></label><label>售价 Price (元) <input name="price"></label>
      <label>有效天数 Valid days <input name="days"></label><button type="submit">添加 Add</button></form>
    <h3>会员卡 Members' cards <small>(实时 live)</small></h3>
    <table><thead><tr><th>会员 Member</th><th>卡 Card</th><th>本金 Paid</th><th>赠送 Bonus</th><th>剩余次数 Uses</th><th>状态 State</th></tr></thead><tbody id="cards" data-testid="admin-cards"></tbody></table>
  </section>
</div>
<p id="message" role="status"></p>
</main><script src="/admin/merchants.js"></script></body></html>`;

const SCRIPT = `'use strict';
let csrf = null, current = null;
const $ = (id) => document.getElementById(id);
const say = (t) => { $('message').textContent = t || ''; };
const yuan = (f) => (f < 0 ? '-' : '') + '¥' + Math.floor(Math.abs(f) / 100) + '.' + String(Math.abs(f) % 100).padStart(2, '0');
/** "100" or "100.5" → fen by string arithmetic; null when not an amount. */
function fen(t) { const m = /^(\\d{1,8})(?:\\.(\\d{1,2}))?$/.exec(String(t || '').trim()); return m ? Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')) : null; }
async function api(method, path, body) {
  const res = await fetch(path, { method, credentials: 'same-origin', headers: Object.assign({}, body !== undefined ? { 'content-type': 'application/json' } : {}, csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}), body: body !== undefined ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((json.error && json.error.message) || ('HTTP ' + res.status));
  return json;
}
function cell(tr, text) { const td = document.createElement('td'); td.textContent = text == null ? '—' : String(text); tr.appendChild(td); return td; }
function button(label, onClick, testid) { const b = document.createElement('button'); b.type = 'button'; b.className = 'secondary'; b.textContent = label; if (testid) b.dataset.testid = testid; b.addEventListener('click', onClick); return b; }
const STATES = { applied: '待审核 Applied', approved: '已通过 Approved', rejected: '已拒绝 Rejected', suspended: '已暂停 Suspended' };
async function decide(m, action) {
  let reason = '';
  if (action === 'reject' || action === 'suspend') { reason = prompt(action === 'reject' ? '拒绝原因 Reason for rejecting' : '暂停原因 Reason for suspending') || ''; if (!reason.trim()) return; }
  else if (!confirm((action === 'approve' ? '通过 Approve ' : '恢复 Reinstate ') + m.name + '?')) return;
  try { await api('POST', '/admin/api/merchants/' + m.id + '/decisions', { action, reason }); await load(); } catch (e) { say(e.message); }
}
let merchants = [];
async function load() {
  const [stores, list] = await Promise.all([api('GET', '/admin/api/stores'), api('GET', '/admin/api/merchants')]);
  merchants = list;
  $('stores').replaceChildren(...stores.map((s) => Object.assign(document.createElement('option'), { value: s.id, textContent: s.name })));
  $('merchants').replaceChildren(...list.map((m) => { const tr = document.createElement('tr'); tr.dataset.testid = 'merchant-row';
    cell(tr, m.name); cell(tr, m.storeName); cell(tr, STATES[m.state] + (m.reason ? '（' + m.reason + '）' : ''));
    cell(tr, m.audit.map((a) => a.action + ' · ' + a.username + ' · ' + new Date(a.at).toLocaleString() + (a.reason ? ' · ' + a.reason : '')).join('\\n'));
    const td = cell(tr, '');
    if (m.state === 'applied') td.append(button('通过 Approve', () => decide(m, 'approve'), 'approve'), button('拒绝 Reject', () => decide(m, 'reject'), 'reject'));
    if (m.state === 'approved') td.append(button('暂停 Suspend', () => decide(m, 'suspend'), 'suspend'));
    if (m.state === 'suspended') td.append(button('恢复 Reinstate', () => decide(m, 'reinstate'), 'reinstate'));
    if (m.qrToken) { const a = Object.assign(document.createElement('a'), { href: '/admin/merchants/' + m.id + '/poster', target: '_blank', textContent: ' 收款码海报 Poster' }); a.dataset.testid = 'poster'; td.append(a); }
    td.append(button('卡与产品 Cards & products', () => { current = m.id; showDetail().catch((e) => say(e.message)); }));
    return tr; }));
  if (current) await showDetail();
}
function termsText(t) { if (t.kind === 'stored') return t.tiers.map((x) => '充' + yuan(x.pay) + '送' + yuan(x.bonus)).join('，') || '—';
  if (t.kind === 'punch') return t.uses + '次 uses · ' + yuan(t.price) + (t.validDays ? ' · ' + t.validDays + '天 days' : ''); return yuan(t.value) + ' · ' + yuan(t.price) + (t.validDays ? ' · ' + t.validDays + '天 days' : ''); }
async function showDetail() {
  const m = merchants.find((x) => x.id === current); if (!m) return;
  $('detail').hidden = false; $('detail-title').textContent = m.name;
  $('products').replaceChildren(...m.products.map((p) => { const tr = document.createElement('tr'); cell(tr, p.name + (p.active ? '' : '（停售 off sale）')); cell(tr, p.terms.kind); cell(tr, termsText(p.terms)); return tr; }));
  const list = await api('GET', '/admin/api/merchants/' + m.id + '/cards');
  $('cards').replaceChildren(...list.map((x) => { const tr = document.createElement('tr'); tr.dataset.card = x.card.id; cell(tr, x.member.name + ' ' + (x.member.phoneTail ? '…' + x.member.phoneTail : ''));
    cell(tr, x.card.productName); cell(tr, yuan(x.card.paid)).dataset.testid = 'admin-paid'; cell(tr, yuan(x.card.bonus)).dataset.testid = 'admin-bonus'; cell(tr, x.card.terms.kind === 'punch' ? x.card.usesLeft : '—'); cell(tr, x.card.state); return tr; }));
}
$('apply').addEventListener('submit', async (e) => { e.preventDefault(); const f = new FormData(e.target);
  try { await api('POST', '/admin/api/merchants', { storeId: f.get('storeId'), name: f.get('name'), contact: f.get('contact'), phone: f.get('phone'), address: f.get('address') }); e.target.reset(); await load(); } catch (err) { say(err.message); } });
$('product').addEventListener('submit', async (e) => { e.preventDefault(); const f = new FormData(e.target); const kind = f.get('kind'); const days = String(f.get('days') || '').trim();
  let terms;
  if (kind === 'stored') { const tiers = String(f.get('tiers') || '').split(',').filter((s) => s.trim()).map((s) => { const [p, b] = s.split(':'); return { pay: fen(p), bonus: fen(b || '0') }; });
    if (tiers.some((t) => t.pay === null || t.bonus === null)) { say('档位格式 100:20,200:50 · Tiers like 100:20,200:50'); return; } terms = { kind, tiers }; }
  else { const count = String(f.get('count') || '').trim(); const price = fen(f.get('price') || '0');
    terms = kind === 'punch' ? { kind, uses: Number(count), price, validDays: days ? Number(days) : null } : { kind, value: fen(count), price, validDays: days ? Number(days) : null }; }
  try { await api('POST', '/admin/api/merchants/' + current + '/products', { name: f.get('name'), terms }); e.target.reset(); await load(); } catch (err) { say(err.message); } });
api('GET', '/admin/api/session').then((s) => { csrf = s.csrfToken; $('app').hidden = false; load().catch((e) => say(e.message));
  // Live balances: any card changed → the open merchant's list is read again.
  const live = new EventSource('/admin/api/cards/live'); live.addEventListener('changed', () => { if (current) showDetail().catch(() => {}); });
}, () => { $('signed-out').hidden = false; });
`;
