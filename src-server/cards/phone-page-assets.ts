/**
 * The member's phone page (phone-page.ts): markup, style and script as text, served as they are.
 * Designed for a 375×667 screen first: one column, 48 px touch targets, 18 px text. zh-CN first,
 * English beside it. Amounts typed in yuan are turned into fen by string arithmetic (never floats).
 * `data-testid`s name what an end-to-end test drives.
 */
export const PHONE_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>会员卡 · Member cards</title><link rel="stylesheet" href="/m/app.css"></head>
<body data-state="{{STATE}}">
<header><h1 data-testid="merchant-name">{{NAME}}</h1><button id="sign-out" class="link" hidden>退出 Sign out</button></header>
<main>
<section id="sign-in" hidden aria-labelledby="sign-in-title">
  <h2 id="sign-in-title">手机号登录 · Sign in by phone</h2>
  <label>手机号 Phone <input id="phone" data-testid="phone" inputmode="tel" autocomplete="tel" maxlength="16"></label>
  <button id="send-otp" data-testid="send-otp" type="button">获取验证码 · Get code</button>
  <label>验证码 Code <input id="otp" data-testid="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6"></label>
  <label>姓名（新会员）Name (new members) <input id="name" data-testid="name" maxlength="40"></label>
  <button id="do-sign-in" data-testid="sign-in" type="button">登录 · Sign in</button>
</section>
<section id="home" hidden>
  <p id="hello" data-testid="hello"></p>
  <h2>我的卡 · My cards</h2>
  <ul id="cards" data-testid="cards"></ul>
  <div id="pay" hidden>
    <h2 id="pay-title" data-testid="pay-title"></h2>
    <label><span id="amount-label">金额（元）Amount (¥)</span> <input id="amount" data-testid="pay-amount" inputmode="decimal" maxlength="12"></label>
    <button id="pay-next" data-testid="pay-next" type="button">付款 · Pay</button>
    <div id="confirm" hidden role="dialog" aria-labelledby="confirm-text">
      <p id="confirm-text" data-testid="confirm-text"></p>
      <button id="pay-confirm" data-testid="pay-confirm" type="button">确认支付 · Confirm</button>
      <button id="pay-cancel" class="secondary" type="button">取消 · Cancel</button>
    </div>
    <button id="show-history" class="secondary" data-testid="show-history" type="button">明细 · History</button>
    <ul id="history" data-testid="history"></ul>
  </div>
  <p id="result" data-testid="pay-result" role="status"></p>
  <button id="show-code" class="secondary" data-testid="show-code" type="button">我的会员码 · My member code</button>
  <div id="code-box" hidden><div id="code" data-testid="member-code" aria-label="会员码 member code"></div><p class="small">每30秒刷新 · refreshed every 30 s</p></div>
</section>
<p id="message" data-testid="message" role="alert"></p>
</main>
<script src="/m/app.js"></script>
</body></html>`;

export const PHONE_STYLE = `*{box-sizing:border-box}[hidden]{display:none!important}body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f4f6f8;color:#1d2329;font-size:18px}
header{display:flex;align-items:center;gap:8px;padding:12px 16px;background:#0f6b5c;color:#fff}header h1{flex:1;font-size:20px;margin:0}
main{padding:12px 16px;max-width:480px;margin:0 auto}section{display:flex;flex-direction:column;gap:10px}
label{display:flex;flex-direction:column;gap:4px;font-size:16px}input{min-height:48px;font-size:20px;padding:0 12px;border:1px solid #b8c2cc;border-radius:8px}
button{min-height:48px;font-size:18px;border-radius:10px;border:1px solid #0f6b5c;background:#0f6b5c;color:#fff;padding:0 16px}
button.secondary{background:#fff;color:#0f6b5c}button.link{background:transparent;border:1px solid #fff;min-height:44px}
ul{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:8px}
.card{width:100%;text-align:left;background:#fff;color:#1d2329;border:2px solid #d5dde4;padding:10px 14px;display:block}
.card[aria-pressed="true"]{border-color:#0f6b5c}.card .balance{font-size:24px;font-weight:600}.small{font-size:14px;color:#5b6670}
#code svg{width:100%;max-width:300px;display:block;margin:0 auto;background:#fff}#message{color:#b3261e}#result{font-size:20px;color:#0f6b5c;font-weight:600}
#history li{font-size:15px;background:#fff;padding:6px 10px;border-radius:6px}`;

export const PHONE_SCRIPT = `'use strict';
const $ = (id) => document.getElementById(id);
const base = location.pathname.replace(/\\/+$/, '') + '/api/';
let cards = [];
let selected = null;
let pending = null; // { commandId, cardId, amount } while a payment is being confirmed or retried
let codeTimer = null;
/** A random UUID without crypto.randomUUID, which needs HTTPS (a venue's page may be plain HTTP on the LAN). */
function uuid() { const b = crypto.getRandomValues(new Uint8Array(16)); b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128; const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join(''); return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20); }
const say = (t) => { $('message').textContent = t || ''; };
const show = (id, on) => { $(id).hidden = !on; };
function yuan(fen) { const s = fen < 0 ? '-' : ''; const a = Math.abs(fen); return s + '¥' + Math.floor(a / 100) + '.' + String(a % 100).padStart(2, '0'); }
/** "38.5" → 3850: whole yuan and at most two decimals, by string arithmetic only. */
function toFen(text) { const m = /^(\\d{1,8})(?:\\.(\\d{1,2}))?$/.exec(String(text).trim()); if (!m) return null; const fen = Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')); return fen > 0 ? fen : null; }
function toUses(text) { const m = /^\\d{1,4}$/.exec(String(text).trim()); return m && Number(m[0]) > 0 ? Number(m[0]) : null; }
async function api(method, path, body) {
  const res = await fetch(base + path, { method, credentials: 'same-origin', headers: body !== undefined ? { 'content-type': 'application/json' } : {}, body: body !== undefined ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) { const e = new Error((json.error && json.error.message) || ('HTTP ' + res.status)); e.code = json.error && json.error.code; e.status = res.status; throw e; }
  return json;
}
const MESSAGES = { OTP_WRONG: '验证码错误 · Wrong code', OTP_EXPIRED: '验证码已过期，请重新获取 · Code expired, ask for a new one', INSUFFICIENT_VALUE: '余额不足 · Not enough on the card', CARD_EXPIRED: '卡已过期 · Card expired', CARD_USED: '券已使用 · Voucher used', RATE_LIMITED: '尝试次数过多，请稍后再试 · Too many tries, wait a moment', MERCHANT_SUSPENDED: '该商户已暂停服务 · Merchant suspended', INVALID_INPUT: '输入有误 · Check what you typed' };
const explain = (e) => MESSAGES[e.code] || e.message;
function balanceText(c) {
  if (c.terms.kind === 'punch') return '剩余 ' + c.usesLeft + ' 次 · ' + c.usesLeft + ' uses left';
  if (c.terms.kind === 'voucher') return c.state === 'used' ? '已使用 · used' : yuan(c.paid);
  return yuan(c.paid + c.bonus) + (c.bonus ? '（含赠送 ' + yuan(c.bonus) + '）' : '');
}
function renderCards() {
  $('cards').replaceChildren(...cards.map((c) => {
    const li = document.createElement('li'); const b = document.createElement('button'); b.type = 'button'; b.className = 'card';
    b.dataset.testid = 'card'; b.dataset.cardId = c.id; b.setAttribute('aria-pressed', String(selected === c.id));
    const name = document.createElement('div'); name.textContent = c.productName + (c.state === 'expired' ? '（已过期 expired）' : '');
    const bal = document.createElement('div'); bal.className = 'balance'; bal.dataset.testid = 'card-balance'; bal.textContent = balanceText(c);
    b.append(name, bal); b.addEventListener('click', () => pick(c.id)); li.appendChild(b); return li; }));
  if (!cards.length) $('cards').textContent = '您在本店还没有卡，请到柜台开卡 · No card here yet: ask at the counter';
}
function pick(id) {
  selected = id; pending = null; const c = cards.find((x) => x.id === id); renderCards(); show('pay', true); show('confirm', false); $('history').replaceChildren();
  $('pay-title').textContent = '用 ' + c.productName + ' 付款 · Pay';
  $('amount-label').textContent = c.terms.kind === 'punch' ? '次数 Uses' : '金额（元）Amount (¥)';
  $('amount').value = ''; $('amount').focus();
}
async function loadMe() {
  try { const me = await api('GET', 'me'); cards = me.cards; $('hello').textContent = me.member.name + ' · ' + (me.member.phoneTail ? '尾号 ' + me.member.phoneTail : ''); show('sign-in', false); show('home', true); show('sign-out', true); renderCards(); live(); }
  catch (e) { if (e.status === 401) { show('sign-in', true); show('home', false); } else say(explain(e)); }
}
let source = null;
function live() {
  if (source) return;
  source = new EventSource(base + 'live');
  source.addEventListener('cards', (ev) => { cards = JSON.parse(ev.data); renderCards(); });
}
$('send-otp').addEventListener('click', async () => {
  try { const r = await api('POST', 'otp', { phone: $('phone').value.trim() }); say('验证码已发送至尾号 ' + r.phoneTail + ' · Code sent'); $('otp').focus(); } catch (e) { say(explain(e)); }
});
$('do-sign-in').addEventListener('click', async () => {
  try { await api('POST', 'sign-in', { phone: $('phone').value.trim(), otp: $('otp').value.trim(), name: $('name').value.trim() }); say(''); await loadMe(); } catch (e) { say(explain(e)); }
});
$('sign-out').addEventListener('click', async () => { await api('POST', 'sign-out', {}).catch(() => undefined); location.reload(); });
$('pay-next').addEventListener('click', () => {
  const c = cards.find((x) => x.id === selected); if (!c) return;
  const amount = c.terms.kind === 'punch' ? toUses($('amount').value) : toFen($('amount').value);
  if (amount === null) { say(c.terms.kind === 'punch' ? '请输入次数 · Enter the number of uses' : '请输入金额，最多两位小数 · Enter an amount, at most 2 decimals'); return; }
  say(''); if (!pending || pending.cardId !== c.id || pending.amount !== amount) pending = { commandId: uuid(), cardId: c.id, amount };
  $('confirm-text').textContent = '向 ' + document.querySelector('h1').textContent + ' 支付 ' + (c.terms.kind === 'punch' ? amount + ' 次 · ' + amount + ' uses' : yuan(amount)) + '？';
  show('confirm', true); $('pay-confirm').focus();
});
$('pay-cancel').addEventListener('click', () => { pending = null; show('confirm', false); });
$('pay-confirm').addEventListener('click', async () => {
  if (!pending) return; const btn = $('pay-confirm'); btn.disabled = true;
  try {
    // The same command id on a retry: a payment whose answer was lost is not made twice.
    const p = await api('POST', 'pay', pending); pending = null; show('confirm', false); $('amount').value = '';
    cards = cards.map((c) => (c.id === p.card.id ? p.card : c)); renderCards();
    $('result').textContent = '支付成功 ' + (p.unit === 'USES' ? p.amount + ' 次' : yuan(p.amount)) + ' · 余额 ' + balanceText(p.card) + ' · Paid';
  } catch (e) { say(explain(e)); if (e.status && e.status < 500) { pending = null; show('confirm', false); } }
  finally { btn.disabled = false; }
});
$('show-history').addEventListener('click', async () => {
  try { const h = await api('GET', 'cards/' + encodeURIComponent(selected) + '/history');
    $('history').replaceChildren(...h.movements.map((m) => { const li = document.createElement('li'); const what = { open: '开卡 opened', recharge: '充值 recharge', redemption: '消费 paid at counter', payment: '扫码支付 paid by phone', reversal: '撤销 reversed' }[m.kind] || m.kind;
      li.textContent = new Date(m.at).toLocaleString() + ' ' + what + ' ' + (m.unit === 'USES' ? m.amount + ' 次' : yuan(m.amount)); return li; }));
  } catch (e) { say(explain(e)); }
});
async function refreshCode() { try { const c = await api('GET', 'code'); $('code').innerHTML = c.svg; $('code').dataset.code = c.code; } catch (e) { say(explain(e)); } }
$('show-code').addEventListener('click', async () => {
  const on = $('code-box').hidden; show('code-box', on); clearInterval(codeTimer);
  if (on) { await refreshCode(); codeTimer = setInterval(refreshCode, 30000); }
});
if (document.body.dataset.state === 'open') loadMe();
`;
