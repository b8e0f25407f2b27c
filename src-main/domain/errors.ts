/**
 * Every failure that crosses the API is a PosError: a stable code, parameters, and a
 * message in each supported language. Nothing else (no stack, no internal message)
 * reaches a cashier.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** A param is the same in both languages (a number, a locker, an amount) or named per language (a device, a thing). */
type Params = Record<string, string | number | Record<Locale, string>>;

const MESSAGES = {
  INVALID_INPUT: { en: 'Please check the highlighted fields.', 'zh-CN': '请检查标出的输入项。' },
  NOT_FOUND: { en: '{what} was not found.', 'zh-CN': '未找到{what}。' },
  FORBIDDEN: { en: 'Only a manager may do this.', 'zh-CN': '只有店长可以执行此操作。' },
  NOT_SIGNED_IN: { en: 'Please sign in first.', 'zh-CN': '请先登录。' },
  RESUME_EXPIRED: { en: 'The session on this screen has ended. Please sign in again.', 'zh-CN': '本屏幕的登录已失效，请重新登录。' },
  PIN_INCORRECT: { en: 'Wrong PIN. Please try again.', 'zh-CN': '密码错误，请重试。' },
  SIGN_IN_LOCKED: {
    en: 'Too many wrong PINs. Try again in {seconds} s.',
    'zh-CN': '密码错误次数过多，请在 {seconds} 秒后重试。',
  },
  ALREADY_SET_UP: { en: 'This store is already set up.', 'zh-CN': '本店已完成初始设置。' },
  NOT_SET_UP: { en: 'This store is not set up yet.', 'zh-CN': '本店尚未完成初始设置。' },
  NAME_TAKEN: { en: 'A staff member named {name} already exists.', 'zh-CN': '已有名为 {name} 的员工。' },
  LAST_MANAGER: { en: 'The last active manager cannot be removed.', 'zh-CN': '不能停用最后一位店长。' },
  UNKNOWN_METHOD: { en: 'Unknown request {method}.', 'zh-CN': '未知请求 {method}。' },
  TIMEOUT: { en: 'The terminal did not answer in time.', 'zh-CN': '终端响应超时。' },
  DISCONNECTED: { en: 'Lost connection to the terminal.', 'zh-CN': '与终端的连接已断开。' },
  QUOTA_EXCEEDED: {
    en: 'Over the limit: {left} left, {requested} asked.',
    'zh-CN': '超出额度：剩余 {left}，本次 {requested}。',
  },
  INSUFFICIENT_FUNDS: { en: 'Not enough balance: {left} left.', 'zh-CN': '余额不足：剩余 {left}。' },
  IDEMPOTENCY_CONFLICT: {
    en: 'This request was already made with different details. Start a new one.',
    'zh-CN': '此请求已用不同内容提交过，请重新开始。',
  },
  CONFLICT: { en: 'This cannot be done in its current state: {reason}.', 'zh-CN': '当前状态下无法执行：{reason}。' },
  DEVICE_OFFLINE: { en: 'The {device} is offline. Check its cable and power.', 'zh-CN': '{device}离线，请检查连线和电源。' },
  DEVICE_DISABLED: { en: 'The {device} is not set up on this counter.', 'zh-CN': '本收银台未配置{device}。' },
  DEVICE_TIMEOUT: { en: 'The {device} did not answer in time.', 'zh-CN': '{device}响应超时。' },
  DEVICE_REFUSED: { en: 'The {device} refused: {reason}.', 'zh-CN': '{device}拒绝了操作：{reason}。' },
  DEMO_ONLY: { en: 'Only available in the demo store.', 'zh-CN': '仅在演示模式下可用。' },
  ALREADY_RUNNING: {
    en: 'Counter POS is already running on this computer.',
    'zh-CN': 'Counter POS 已在本机运行。',
  },
  // Lockers (issue 5): wristbands, venue charges, checkout. Money params come formatted per language.
  LOCKER_UNKNOWN_WRISTBAND: { en: 'Wristband {ref} is not registered to any locker.', 'zh-CN': '手牌 {ref} 未登记到任何柜号。' },
  LOCKER_OUT_OF_SERVICE: { en: 'Locker {locker} is out of service.', 'zh-CN': '{locker} 号柜暂停使用。' },
  LOCKER_ALREADY_BOUND: {
    en: 'Locker {locker} is already with an open party (customer {customer}, since {since}).',
    'zh-CN': '{locker} 号柜已被未结账的客人使用（客人 {customer}，{since} 起）。',
  },
  LOCKER_NOT_BOUND: { en: 'Locker {locker} is not bound to an open party.', 'zh-CN': '{locker} 号柜未绑定到未结账的客人。' },
  LOCKER_SETTLED: { en: 'Locker {locker} was already settled at {terminal} at {at}.', 'zh-CN': '{locker} 号柜已于 {at} 在 {terminal} 结账。' },
  LOCKER_WRISTBAND_LOST: {
    en: 'Wristband {ref} was reported lost and is blocked. Use its replacement.',
    'zh-CN': '手牌 {ref} 已挂失并冻结，请使用补发的手牌。',
  },
  LOCKER_OTHER_PARTY: {
    en: 'Locker {locker} belongs to another party (customer {customer}).',
    'zh-CN': '{locker} 号柜属于另一组客人（客人 {customer}）。',
  },
  LOCKER_PHONE_INVALID: {
    en: 'Enter a mainland China mobile number (11 digits starting with 1).',
    'zh-CN': '请输入中国大陆手机号（1 开头的 11 位数字）。',
  },
  LOCKER_QUOTA_INVALID: { en: 'The {which} quota must be more than zero and at most {max}.', 'zh-CN': '{whichZh}额度必须大于零且不超过 {maxZh}。' },
  LOCKER_WRISTBAND_QUOTA: {
    en: 'Over the quota of wristband {locker}: {leftEn} left, {requestedEn} asked.',
    'zh-CN': '超出手牌 {locker} 的额度：剩余 {leftZh}，本次 {requestedZh}。',
  },
  LOCKER_PARTY_QUOTA: {
    en: 'Over the party quota: {leftEn} left for the whole party, {requestedEn} asked.',
    'zh-CN': '超出同行总额度：全组剩余 {leftZh}，本次 {requestedZh}。',
  },
  LOCKER_AMOUNT_INVALID: { en: 'A charge must be more than zero and at most {maxEn}.', 'zh-CN': '消费金额必须大于零且不超过 {maxZh}。' },
  LOCKER_ITEM_UNKNOWN: { en: 'This item is not on the {outlet} menu.', 'zh-CN': '该商品不在{outletZh}的价目表中。' },
  LOCKER_DUPLICATE_WRISTBAND: { en: 'Locker {locker} was tapped twice.', 'zh-CN': '{locker} 号柜重复了。' },
  LOCKER_TOO_MANY_WRISTBANDS: { en: 'A party can have at most {max} wristbands.', 'zh-CN': '一组客人最多 {max} 个手牌。' },
  LOCKER_UID_IN_USE: { en: 'Wristband {ref} is already in use and cannot be the replacement.', 'zh-CN': '手牌 {ref} 已在使用，不能作为补发手牌。' },
  LOCKER_CHARGE_CLOSED: { en: 'This charge was already settled or voided.', 'zh-CN': '该消费已结账或已撤销。' },
  PAYMENT_SHORT: { en: 'Payment is {shortEn} short of {totalEn}.', 'zh-CN': '付款不足：还差 {shortZh}（应付 {totalZh}）。' },
  PAYMENT_TENDER_INVALID: { en: 'Each payment needs a method and an amount above zero.', 'zh-CN': '每笔付款需要付款方式和大于零的金额。' },
  PAYMENT_OVER: {
    en: 'Card, mobile and stored value may not exceed the amount due ({overEn} too much); only cash gives change.',
    'zh-CN': '银行卡、移动支付和储值付款不能超过应付金额（多了 {overZh}），只有现金可以找零。',
  },
  LOCKER_PARTIAL_SETTLEMENT: {
    en: 'Wristbands {lockers} of this party still have charges. Settle the whole party, or ask a manager to approve.',
    'zh-CN': '同组手牌 {lockers} 仍有消费。请整组结账，或请店长授权。',
  },
  LOCKER_APPROVAL_NOT_MANAGER: { en: '{name} is not a manager and cannot approve this.', 'zh-CN': '{name} 不是店长，无权授权此操作。' },
  // Fuel (issue 6): prepaid fuel orders. Money and litres come formatted (7.59, 26.35).
  FUEL_NO_STATION: {
    en: 'No fuel station is set up within {radius} m of this terminal. A manager must set the terminal location and the station list.',
    'zh-CN': '本终端 {radius} 米范围内没有设置加油站，请店长设置终端位置和油站列表。',
  },
  FUEL_UNKNOWN_PUMP: { en: 'There is no pump {pump} at this station.', 'zh-CN': '本站没有 {pump} 号油枪。' },
  FUEL_GRADE_NOT_ON_PUMP: { en: 'Pump {pump} does not dispense {grade}.', 'zh-CN': '{pump} 号油枪不加{grade}。' },
  FUEL_NO_PRICE: { en: '{grade} has no price yet. A manager must set one.', 'zh-CN': '{grade}尚未定价，请店长设置油价。' },
  FUEL_QUANTITY_TOO_SMALL: { en: 'The quantity is too small: it must buy at least 0.01 L and cost at least 0.01 yuan.', 'zh-CN': '数量太小：至少 0.01 升且至少 0.01 元。' },
  FUEL_OVER_LIMIT: {
    en: 'Pump {pump} takes at most {limit} L per order; this order is {volume} L.',
    'zh-CN': '{pump} 号油枪每单最多 {limit} 升，本单 {volume} 升。',
  },
  FUEL_PRICE_CHANGED: {
    en: 'The price of {grade} changed from {quoted} to {current} yuan/L since the quote. Nothing was charged; check the new total and confirm again.',
    'zh-CN': '{grade}油价已由 {quoted} 元/升调整为 {current} 元/升，未扣款。请核对新金额后重新确认。',
  },
  FUEL_PUMP_BUSY: { en: 'Pump {pump} still has an open order. Wait until it ends.', 'zh-CN': '{pump} 号油枪还有未完成的订单，请等待结束。' },
  FUEL_MEMBER_REQUIRED: { en: 'Stored value needs the member number.', 'zh-CN': '储值支付需要会员号。' },
  FUEL_ORDER_NOT_ACTIVE: { en: 'Order {order} is not on a pump any more.', 'zh-CN': '订单 {order} 已不在油枪上。' },
  FUEL_INTERRUPTED: {
    en: 'The terminal restarted before pump {pump} was released. The pump was not released and the {amount} yuan payment was refunded to the original tender.',
    'zh-CN': '终端在放行 {pump} 号油枪前重启，油枪未放行，已将 {amount} 元退回原支付方式。',
  },
  // Receipts (issue 10): history, reprints, the print queue, the cash drawer.
  RECEIPT_NOT_FOUND: { en: 'Receipt {ref} was not found on this terminal.', 'zh-CN': '本终端没有找到小票 {ref}。' },
  PRINT_JOB_CLOSED: { en: 'This receipt is no longer waiting to print.', 'zh-CN': '这张小票已不在待打印列表中。' },
  // Hardening (issue 11)
  TOO_MANY_ATTEMPTS: {
    en: 'Too many PIN attempts from this screen. Wait {seconds} s and try again.',
    'zh-CN': '本屏幕尝试密码次数过多，请等待 {seconds} 秒后重试。',
  },
  PROTOCOL_ERROR: {
    en: 'The screen sent a request the terminal cannot read ({reason}). Reload the screen.',
    'zh-CN': '屏幕发送了终端无法识别的请求（{reason}），请刷新屏幕。',
  },
  DISK_FULL: {
    en: 'The disk of this terminal is full, so nothing was saved. Viewing and signing in still work. Ask a manager or IT to free space (delete old files or exports); the terminal carries on by itself once there is room.',
    'zh-CN': '本终端磁盘已满，本次操作未保存。查看和登录仍可使用。请店长或 IT 人员清理磁盘空间（删除旧文件或导出文件），空间释放后终端会自动恢复。',
  },
  // Sync with the central server (issue 15).
  SYNC_ADDRESS_INVALID: { en: 'Enter the server address as http://host:port or https://host.', 'zh-CN': '请按 http://主机:端口 或 https://主机 的格式输入服务器地址。' },
  SYNC_SERVER_UNREACHABLE: { en: 'The server {url} cannot be reached ({reason}). Check the address and the network.', 'zh-CN': '无法连接服务器 {url}（{reason}）。请检查地址和网络。' },
  SYNC_PAIRING_CODE_INVALID: {
    en: 'The pairing code is wrong, expired or already used. Ask head office for a new one.',
    'zh-CN': '配对码错误、已过期或已被使用，请向总部索取新的配对码。',
  },
  SYNC_REFUSED: { en: 'The server refused: {reason}', 'zh-CN': '服务器拒绝：{reason}' },
  SYNC_NOT_ENROLLED: { en: 'This terminal is not connected to a server yet.', 'zh-CN': '本终端尚未连接服务器。' },
  INTERNAL: {
    en: 'Something went wrong. Nothing was changed; please try again or call support.',
    'zh-CN': '出现错误，未做任何更改。请重试或联系技术支持。',
  },
  // Ledger integrity (issue 11, item 4): the terminal is read-only until a manager's full check passes.
  LEDGER_TAMPERED: {
    en: 'This terminal cannot take or refund money: its ledger failed the safety check ({where}). Nothing was changed. Viewing and signing in still work. Call the manager now: the manager sees the alarm in the status bar, runs the full check, and restores the data from a backup if it fails.',
    'zh-CN': '本终端暂停收款和退款：账本安全校验未通过（{where}），本次操作未做任何更改。查看和登录仍可使用。请立即联系店长：店长可在状态栏看到警报并运行全面核查，如核查未通过，请从备份恢复数据。',
  },
  // Store setup (issue 13): the catalog, lockers in ranges, CSV import.
  CATALOG_BARCODE_UNKNOWN: { en: 'No item has barcode {barcode}.', 'zh-CN': '没有条码为 {barcode} 的商品。' },
  CATALOG_READ_ONLY: { en: '"{name}" is managed by head office and cannot be changed at the counter.', 'zh-CN': '"{name}"由总部统一管理，门店不能修改。' },
  CATALOG_OUTLET_UNKNOWN: { en: 'There is no outlet {outlet}.', 'zh-CN': '没有营业点 {outlet}。' },
  CATALOG_BARCODE_TAKEN: { en: 'Barcode {barcode} already belongs to "{name}".', 'zh-CN': '条码 {barcode} 已属于"{name}"。' },
  CATALOG_PRICE_IN_PAST: { en: 'A price change cannot start in the past. Choose now or a later time.', 'zh-CN': '调价生效时间不能早于现在，请选择现在或以后的时间。' },
  CATALOG_PRICE_REQUIRED: { en: 'A new item needs a price.', 'zh-CN': '新商品需要填写价格。' },
  LOCKER_NO_WRISTBAND: { en: 'Locker {locker} has no wristband registered yet. A manager registers it under Store setup.', 'zh-CN': '{locker} 号柜还没有登记手牌，请店长在"门店设置"中登记。' },
  LOCKER_RANGE_INVALID: { en: 'Enter a range from the first to the last locker, at most {max} lockers at once.', 'zh-CN': '请输入从起始柜号到结束柜号的范围，一次最多 {max} 个。' },
  SETUP_CURRENCY_LOCKED: { en: 'Money has already moved in {currency}: the currency cannot change now.', 'zh-CN': '已有 {currency} 的收付记录，不能再更改币种。' },
  CSV_ROWS_REFUSED: { en: '{count} rows of the file would be refused. Nothing was imported; fix them and try again.', 'zh-CN': '文件中有 {count} 行无法导入，未导入任何数据。请修改后重试。' },
  // Shifts and day close (issue 14). Money params come formatted per language.
  DAY_CLOSED: {
    en: 'Business day {day} is closed (its Z report was taken): nothing can be dated into it. Make corrections today, as a refund or reversal, and check the terminal clock.',
    'zh-CN': '营业日 {day} 已日结（已出 Z 报表），不能再记入该日。如需更正，请在今天做退款或冲正，并检查终端时钟。',
  },
  DAY_ALREADY_CLOSED: { en: 'Business day {day} is already closed.', 'zh-CN': '营业日 {day} 已经日结。' },
  DAY_NOT_STARTED: { en: 'Business day {day} has not started yet.', 'zh-CN': '营业日 {day} 尚未开始。' },
  DAY_EARLIER_OPEN: { en: 'Close business day {day} first: it has sales and is still open.', 'zh-CN': '请先日结营业日 {day}：该日有营业且尚未日结。' },
  SHIFT_NOT_OPEN: {
    en: 'No shift is open on this counter. Open a shift with the counted float first.',
    'zh-CN': '本收银台尚未开班。请先清点备用金并开班。',
  },
  SHIFT_ALREADY_OPEN: { en: 'A shift is already open on this counter ({name}, since {since}).', 'zh-CN': '本收银台已有班次（{name}，{since} 开班）。' },
  SHIFT_STILL_OPEN: {
    en: 'The shift of {name} is still open. Close it with a blind count before the day close.',
    'zh-CN': '{name} 的班次尚未交班。请先盲点交班，再做日结。',
  },
  SHIFT_COUNT_INVALID: {
    en: 'The count of {denomination} is not valid: enter whole pieces from 0 to 100000 of the notes and coins listed.',
    'zh-CN': '{denomination} 的数量无效：请按所列面额输入 0 到 100000 之间的整数张（枚）数。',
  },
  SHIFT_AMOUNT_INVALID: { en: 'Enter an amount above zero and at most {maxEn}.', 'zh-CN': '请输入大于零且不超过 {maxZh} 的金额。' },
  SHIFT_DIFFERENCE_NEEDS_MANAGER: {
    en: 'The drawer is {differenceEn} {direction} (expected {expectedEn}, counted {countedEn}), more than the limit of {limitEn}. A manager must approve.',
    'zh-CN': '钱箱{directionZh} {differenceZh}（应有 {expectedZh}，实点 {countedZh}），超过允许差额 {limitZh}，需店长授权。',
  },
  PDF_FONT_MISSING: {
    en: 'No Chinese font was found on this computer for the PDF. Install one (Debian: fonts-noto-cjk) or set POS_CJK_FONT to a .ttf/.otf/.ttc file; the CSV export works without it.',
    'zh-CN': '本机未找到用于 PDF 的中文字体。请安装（Debian：fonts-noto-cjk）或用 POS_CJK_FONT 指定 .ttf/.otf/.ttc 字体文件；CSV 导出不受影响。',
  },
  SETTLEMENT_LIMIT_INVALID: { en: 'The limit must be from 0 to {maxEn}.', 'zh-CN': '允许差额必须在 0 到 {maxZh} 之间。' },
  // Reference data from the central server (issue 15).
  REFERENCE_READ_ONLY: {
    en: '{what} is managed by head office and cannot be changed at the counter.',
    'zh-CN': '{what}由总部统一管理，门店不能修改。',
  },
  SYNC_REFERENCE_INVALID: {
    en: 'Data from the server was refused ({stream}, record {record}: {reason}). Nothing was changed; ask head office to correct it.',
    'zh-CN': '服务器下发的数据被拒收（{stream}，记录 {record}：{reason}），本机未做任何更改，请联系总部更正。',
  },
  SYNC_RATE_LIMITED: {
    en: 'Too many wrong pairing codes were tried from this terminal. Wait 15 minutes, then type the new code.',
    'zh-CN': '本终端输错配对码的次数过多，请等待 15 分钟后再输入新的配对码。',
  },
  // Online customer value (issues 16-18): {what} is the programme ("miles" / "里程").
  VALUE_OFFLINE: {
    en: 'The central server cannot be reached ({reason}): {what} cannot be redeemed offline. Nothing was charged; try again when the terminal is online.',
    'zh-CN': '无法连接中央服务器（{reason}）：{what}不能离线使用。未扣除任何款项，请在联网后重试。',
  },
  VALUE_NOT_CONNECTED: {
    en: 'This terminal is not connected to the central server, so {what} cannot be used here. A manager connects it under Sync.',
    'zh-CN': '本终端尚未连接中央服务器，无法使用{what}。请店长在“同步”中连接。',
  },
  VALUE_MEMBER_NOT_FOUND: { en: 'No member with {by} {value}.', 'zh-CN': '未找到{by}为 {value} 的会员。' },
  VALUE_INSUFFICIENT: {
    en: 'Not enough {what}: {available} available, {requested} needed.',
    'zh-CN': '{what}不足：可用 {available}，需要 {requested}。',
  },
  VALUE_REFUSED: { en: 'The central server refused: {reason}', 'zh-CN': '中央服务器拒绝：{reason}' },
  // Miles / points redemption (issue 18).
  POINTS_NO_RULE: {
    en: 'No miles rule covers {service} on {route}. Ask a manager to add one.',
    'zh-CN': '{route} 的{service}没有里程支付规则，请店长添加。',
  },
  POINTS_ONLY_SHORT: {
    en: 'This service can only be paid in miles: {needed} miles needed, {missing} missing.',
    'zh-CN': '该服务只能用里程支付：需要 {needed} 里程，还差 {missing} 里程。',
  },
  POINTS_NOT_ENOUGH: {
    en: 'Not enough miles for this share: {needed} needed, {missing} missing.',
    'zh-CN': '里程不足以支付该比例：需要 {needed} 里程，还差 {missing} 里程。',
  },
  POINTS_BELOW_MINIMUM: { en: 'At least {minimum} miles must be used in one payment.', 'zh-CN': '每次至少使用 {minimum} 里程。' },
  POINTS_SHARE_OUT_OF_RANGE: { en: 'Choose a miles share from 0% to {maxPct}%.', 'zh-CN': '请选择 0% 至 {maxPct}% 之间的里程比例。' },
  POINTS_NO_SHARE: { en: 'This rule lets no part of the price be paid in miles.', 'zh-CN': '该规则不允许用里程支付任何部分。' },
  POINTS_PRICE_INVALID: { en: 'Enter a price above zero.', 'zh-CN': '请输入大于零的价格。' },
  POINTS_PLAN_CHANGED: {
    en: 'The miles plan changed since it was shown ({reason}). Check it again with the passenger.',
    'zh-CN': '里程支付方案在显示后发生了变化（{reason}），请与旅客重新确认。',
  },
  POINTS_RULE_INVALID: { en: 'This miles rule is not valid.', 'zh-CN': '该里程规则无效。' },
  POINTS_RULE_OVERLAPS: {
    en: 'Rule {otherId} already covers the same route and service in an overlapping period: two rules would tie.',
    'zh-CN': '规则 {otherId} 已在重叠的有效期内覆盖相同的航线和服务，两条规则会冲突。',
  },
  POINTS_RULE_CENTRAL: { en: 'Rule {id} comes from head office and cannot be changed at the counter.', 'zh-CN': '规则 {id} 由总部下发，不能在柜台修改。' },
  POINTS_BOARDING_PASS_INVALID: {
    en: 'This is not a boarding pass this desk can read ({reason}). Type the flight and route instead.',
    'zh-CN': '无法识别该登机牌（{reason}），请手动输入航班和航线。',
  },
  POINTS_NOT_REFUNDABLE: { en: 'This miles sale cannot be refunded ({reason}).', 'zh-CN': '该里程订单无法退款（{reason}）。' },
  CARDS_NO_MERCHANT: {
    en: 'This store has no approved merchant on the platform, so member cards cannot be used here. The merchant applies in the server back office.',
    'zh-CN': '本店在平台上没有已审核的商户，无法使用会员卡。请商户在服务器后台申请。',
  },
  CARDS_REFUSED: { en: 'The member card server refused: {reason}. Nothing was charged.', 'zh-CN': '会员卡服务器拒绝：{reason}。未扣除任何款项。' },
  CARDS_INSUFFICIENT: { en: 'Not enough on the card: {available} available, {requested} asked. Nothing was taken.', 'zh-CN': '卡内余额不足：可用 {available}，需要 {requested}。未扣除任何款项。' },
  CARDS_MEMBER_NOT_FOUND: { en: 'No member found. Register the member first.', 'zh-CN': '未找到该会员，请先登记会员。' },
  CARDS_CODE_INVALID: {
    en: 'This member code cannot be used ({reason}). Ask the member to refresh the code on their phone.',
    'zh-CN': '该会员码无效（{reason}），请会员在手机上刷新会员码。',
  },
  CARDS_OTP_WRONG: { en: 'The one-time code is wrong or has expired. Send a new one.', 'zh-CN': '验证码错误或已过期，请重新发送。' },
  CARDS_NOT_REVERSIBLE: { en: 'This member card payment cannot be reversed ({reason}).', 'zh-CN': '该会员卡付款无法撤销（{reason}）。' },
  CARDS_APPROVAL_NOT_MANAGER: { en: '{name} is not a manager: only a manager PIN approves a reversal.', 'zh-CN': '{name} 不是店长：只有店长密码可以批准撤销。' },
  // Shop sale and coupons at the counter (issue 17).
  SHOP_CART_EMPTY: { en: 'The cart is empty: scan or pick an item first.', 'zh-CN': '购物车是空的，请先扫码或选择商品。' },
  SHOP_ITEM_UNKNOWN: { en: 'Item {item} is not sold in the shop.', 'zh-CN': '商品 {item} 不在商店销售。' },
  SHOP_ITEM_NO_PRICE: { en: '"{name}" has no price yet. A manager sets it under Store setup.', 'zh-CN': '"{name}"还没有价格，请店长在"门店设置"中设置。' },
  SHOP_TOTAL_CHANGED: { en: 'The total changed since it was shown ({reason}). Check the cart with the customer.', 'zh-CN': '应收金额在显示后发生了变化（{reason}），请与顾客重新确认。' },
  SHOP_SALE_UNKNOWN: { en: 'There is no shop sale {id}.', 'zh-CN': '没有商店销售单 {id}。' },
  COUPON_NOT_CONNECTED: {
    en: 'This terminal is not connected to the central server, so coupons cannot be claimed or redeemed here. A manager connects it under Sync.',
    'zh-CN': '本终端尚未连接中央服务器，无法领取或使用优惠券。请店长在“同步”中连接。',
  },
  COUPON_OFFLINE: {
    en: 'The central server cannot be reached ({reason}): coupons cannot be claimed or redeemed offline. Nothing changed; try again when the terminal is online.',
    'zh-CN': '无法连接中央服务器（{reason}）：优惠券不能离线领取或使用。未做任何更改，请联网后重试。',
  },
  COUPON_LIMIT_REACHED: { en: 'This member has already claimed "{name}" as often as allowed ({limit}).', 'zh-CN': '该会员领取"{name}"已达上限（{limit} 张）。' },
  COUPON_SOLD_OUT: { en: 'All "{name}" coupons have been given out.', 'zh-CN': '"{name}"已被领完。' },
  COUPON_NOT_VALID_NOW: { en: '"{name}" cannot be used now (not started, expired or withdrawn).', 'zh-CN': '"{name}"当前不可用（未开始、已过期或已下架）。' },
  COUPON_ALREADY_USED: {
    en: 'The coupon "{name}" was just used by another sale (another counter). Nothing was charged: check the new total without it and confirm again.',
    'zh-CN': '优惠券"{name}"刚刚已被另一笔订单（其他收银台）使用。未收取任何款项，请确认不含该券的新金额后重新收款。',
  },
  COUPON_CLAIM_UNKNOWN: { en: 'This member has no unused coupon {claim}.', 'zh-CN': '该会员没有未使用的优惠券 {claim}。' },
  COUPON_NOT_APPLICABLE: { en: '"{name}" does not apply to this cart.', 'zh-CN': '"{name}"不适用于当前购物车。' },
  COUPON_NOT_STACKABLE: { en: 'These coupons cannot be used together: only coupons marked as stacking combine.', 'zh-CN': '这些优惠券不能同时使用：只有可叠加的优惠券才能合用。' },
  COUPON_UNKNOWN: { en: 'There is no coupon {id} at this counter.', 'zh-CN': '本收银台没有优惠券 {id}。' },
  COUPON_REFUSED: { en: 'The central server refused the coupon: {reason}', 'zh-CN': '中央服务器拒绝了该优惠券：{reason}' },
} as const satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof MESSAGES;

export interface FieldIssue {
  path: string;
  message: Record<Locale, string>;
}

/** The plain, cloneable shape an error has when it crosses the boundary. */
export interface PosErrorData {
  code: ErrorCode;
  message: Record<Locale, string>;
  params: Params;
  fields?: FieldIssue[];
}

function fill(template: string, params: Params, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!(k in params)) return m;
    const v = params[k]!;
    return typeof v === 'object' ? v[locale] : String(v);
  });
}

export function localize(code: ErrorCode, params: Params = {}): Record<Locale, string> {
  const m = MESSAGES[code];
  return { en: fill(m.en, params, 'en'), 'zh-CN': fill(m['zh-CN'], params, 'zh-CN') };
}

export class PosError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Params = {},
    readonly fields?: FieldIssue[],
  ) {
    super(localize(code, params).en);
    this.name = 'PosError';
  }

  toData(): PosErrorData {
    return { code: this.code, message: localize(this.code, this.params), params: this.params, ...(this.fields ? { fields: this.fields } : {}) };
  }
}

export function isPosErrorData(v: unknown): v is PosErrorData {
  return typeof v === 'object' && v !== null && typeof (v as PosErrorData).code === 'string' && typeof (v as PosErrorData).message === 'object';
}
