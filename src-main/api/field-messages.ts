import type * as z from 'zod';
import type { FieldIssue, Locale } from '../domain/errors';

type Text = Record<Locale, string>;

/**
 * Our own words for every field error, in both languages: the field's name, then what is
 * allowed ("Store name: at most 40 characters."). zod's default texts never reach a cashier
 * ("expected int, received undefined", "数值过大：期望 array <=20 项").
 *
 * A check declared in the contract with `{ error: 'field.xxx' }` gets the message below;
 * `{field}`, `{min}` and `{max}` are filled in.
 */
const FIELD_MESSAGES: Record<string, Text> = {
  'field.pin': { en: 'A PIN is 4 to 8 digits.', 'zh-CN': '密码为 4 到 8 位数字。' },
  'field.required': { en: '{field}: required.', 'zh-CN': '{field}：必填。' },
  'field.tooLong': { en: '{field}: at most {max} characters.', 'zh-CN': '{field}：最多 {max} 个字符。' },
  'field.id': { en: '{field}: not a valid id.', 'zh-CN': '{field}：编号无效。' },
  'field.commandId': { en: '{field}: not a valid request id (a UUIDv7 made by the screen).', 'zh-CN': '{field}：请求编号无效（应为界面生成的 UUIDv7）。' },
  'field.nameControl': { en: '{field}: remove the control characters (line breaks, tabs).', 'zh-CN': '{field}：请去掉换行、制表符等控制字符。' },
  'field.nameBidi': { en: '{field}: remove the text-direction marks.', 'zh-CN': '{field}：请去掉文字方向控制符。' },
  'field.nameInvisible': { en: '{field}: type a name that can be seen.', 'zh-CN': '{field}：请输入看得见的名称。' },
  'field.timeZone': { en: '{field}: not a known time zone; use a name such as Asia/Shanghai.', 'zh-CN': '{field}：未知时区，请使用如 Asia/Shanghai 的名称。' },
  'field.controlChars': { en: '{field}: remove the control characters (they would reach the printer as commands).', 'zh-CN': '{field}：请删除控制字符（它们会被打印机当作指令执行）。' },
  'field.phoneTail': { en: '{field}: type the last 4 to 11 digits.', 'zh-CN': '{field}：请输入手机号后 4 到 11 位。' },
  // Lockers (issue 5)
  'field.wristband': { en: 'Tap a wristband or type a locker number.', 'zh-CN': '请刷手牌或输入柜号。' },
  'field.amount': { en: 'Enter an amount above zero.', 'zh-CN': '请输入大于零的金额。' },
  'field.memberCode': { en: 'A member code is 4 to 32 letters or digits.', 'zh-CN': '会员码为 4 到 32 位字母或数字。' },
  'field.customer': { en: 'Enter the customer\'s phone number or scan a member code (one of them).', 'zh-CN': '请输入客人手机号或扫描会员码（二选一）。' },
  'field.itemsOrAmount': { en: 'Pick items or enter an amount (one of them).', 'zh-CN': '请选择商品或输入金额（二选一）。' },
  // Store setup (issue 13)
  'field.barcode': { en: '{field}: 4 to 32 letters or digits.', 'zh-CN': '{field}：须为 4 到 32 位字母或数字。' },
  'field.currency': { en: '{field}: a three-letter code such as CNY.', 'zh-CN': '{field}：请填写三位字母代码，如 CNY。' },
  'field.workflows': { en: 'Choose at least one workflow.', 'zh-CN': '请至少选择一项业务。' },
  'field.file': { en: '{field}: the file could not be read.', 'zh-CN': '{field}：无法读取文件。' },
  'field.fileTooLarge': { en: '{field}: the file is too large (at most about 650 KB).', 'zh-CN': '{field}：文件过大（最多约 650 KB）。' },
  // Shifts and day close (issue 14)
  'field.denomination': { en: 'Count notes and coins by the denominations listed.', 'zh-CN': '请按所列面额清点纸币和硬币。' },
  'field.pieces': { en: 'Enter whole pieces, 0 or more.', 'zh-CN': '请输入 0 或以上的整数张（枚）数。' },
  'field.day': { en: '{field}: a day as YYYY-MM-DD.', 'zh-CN': '{field}：日期格式为 YYYY-MM-DD。' },
  // Miles (issue 18)
  'field.airport': { en: '{field}: a three-letter airport code (PEK).', 'zh-CN': '{field}：请输入三字机场代码（如 PEK）。' },
  'field.flight': { en: '{field}: a flight such as CA1501.', 'zh-CN': '{field}：请输入航班号，如 CA1501。' },
  // Shop (issue 17)
  'field.quantity': { en: '{field}: a whole number from 1 to 999.', 'zh-CN': '{field}：请输入 1 到 999 的整数。' },
};

/** Field names as a cashier reads them, by the last name in the field's path. */
const LABELS: Record<string, Text> = {
  storeName: { en: 'Store name', 'zh-CN': '店名' },
  managerName: { en: 'Manager name', 'zh-CN': '店长姓名' },
  terminalName: { en: 'Counter name', 'zh-CN': '收银台名称' },
  name: { en: 'Name', 'zh-CN': '名称' },
  pin: { en: 'PIN', 'zh-CN': '密码' },
  staffId: { en: 'Staff member', 'zh-CN': '员工' },
  role: { en: 'Role', 'zh-CN': '角色' },
  limit: { en: 'Number of records', 'zh-CN': '记录条数' },
  locale: { en: 'Language', 'zh-CN': '语言' },
  timeZone: { en: 'Time zone', 'zh-CN': '时区' },
  commandId: { en: 'Request id', 'zh-CN': '请求编号' },
  wristband: { en: 'Wristband', 'zh-CN': '手牌' },
  wristbands: { en: 'Wristbands', 'zh-CN': '手牌' },
  phone: { en: 'Phone number', 'zh-CN': '手机号' },
  phoneTail: { en: 'Last digits of the phone', 'zh-CN': '手机尾号' },
  memberCode: { en: 'Member code', 'zh-CN': '会员码' },
  wristbandQuota: { en: 'Wristband quota', 'zh-CN': '单个手牌额度' },
  partyQuota: { en: 'Party quota', 'zh-CN': '同行总额度' },
  outlet: { en: 'Outlet', 'zh-CN': '消费点' },
  items: { en: 'Items', 'zh-CN': '商品' },
  itemId: { en: 'Item', 'zh-CN': '商品' },
  quantity: { en: 'Quantity', 'zh-CN': '数量' },
  amount: { en: 'Amount', 'zh-CN': '金额' },
  tenders: { en: 'Payments', 'zh-CN': '付款方式' },
  method: { en: 'Payment method', 'zh-CN': '付款方式' },
  chargeId: { en: 'Charge', 'zh-CN': '消费记录' },
  approval: { en: 'Manager approval', 'zh-CN': '店长授权' },
  pump: { en: 'Pump', 'zh-CN': '油枪' },
  pumps: { en: 'Pumps', 'zh-CN': '油枪' },
  gradeId: { en: 'Fuel grade', 'zh-CN': '油品' },
  price: { en: 'Price', 'zh-CN': '价格' },
  volume: { en: 'Litres', 'zh-CN': '升数' },
  effectiveFrom: { en: 'Effective from', 'zh-CN': '生效时间' },
  latitude: { en: 'Latitude', 'zh-CN': '纬度' },
  longitude: { en: 'Longitude', 'zh-CN': '经度' },
  printer: { en: 'Printer', 'zh-CN': '打印机' },
  scanner: { en: 'Scanner', 'zh-CN': '扫码枪' },
  cardReader: { en: 'Card reader', 'zh-CN': '读卡器' },
  address: { en: 'Address', 'zh-CN': '地址' },
  path: { en: 'Port', 'zh-CN': '端口' },
  baudRate: { en: 'Baud rate', 'zh-CN': '波特率' },
  vendorId: { en: 'Vendor id', 'zh-CN': '厂商编号' },
  productId: { en: 'Product id', 'zh-CN': '产品编号' },
  paperMm: { en: 'Paper width', 'zh-CN': '纸宽' },
  nameZh: { en: 'Chinese name', 'zh-CN': '中文名称' },
  nameEn: { en: 'English name', 'zh-CN': '英文名称' },
  outletId: { en: 'Outlet', 'zh-CN': '营业点' },
  category: { en: 'Category', 'zh-CN': '类别' },
  barcode: { en: 'Barcode', 'zh-CN': '条码' },
  taxNumber: { en: 'Tax number', 'zh-CN': '税号' },
  footer: { en: 'Receipt footer', 'zh-CN': '小票页脚' },
  currency: { en: 'Currency', 'zh-CN': '币种' },
  workflows: { en: 'Workflows', 'zh-CN': '业务' },
  content: { en: 'File', 'zh-CN': '文件' },
  from: { en: 'First locker', 'zh-CN': '起始柜号' },
  to: { en: 'Last locker', 'zh-CN': '结束柜号' },
  stationId: { en: 'Station', 'zh-CN': '油站' },
  flight: { en: 'Flight', 'zh-CN': '航班' },
  origin: { en: 'From', 'zh-CN': '出发地' },
  destination: { en: 'To', 'zh-CN': '目的地' },
  serviceType: { en: 'Service', 'zh-CN': '服务' },
  number: { en: 'Member number', 'zh-CN': '会员号' },
  sharePct: { en: 'Miles share', 'zh-CN': '里程比例' },
};

const KIND: Record<string, Text> = {
  string: { en: 'text', 'zh-CN': '文字' },
  number: { en: 'a number', 'zh-CN': '数字' },
  int: { en: 'a whole number', 'zh-CN': '整数' },
  boolean: { en: 'yes or no', 'zh-CN': '是或否' },
  array: { en: 'a list', 'zh-CN': '列表' },
  object: { en: 'a group of fields', 'zh-CN': '一组字段' },
};

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The field's name in both languages: its label, or its path when there is none ("devices.printer"). */
function label(path: PropertyKey[]): Text {
  const last = path.filter((p): p is string => typeof p === 'string').at(-1);
  const known = last === undefined ? undefined : LABELS[last];
  if (known) return known;
  const text = path.map(String).join('.') || 'input';
  return { en: text, 'zh-CN': text };
}

/** Our message for one zod issue, naming the field and what is allowed. */
export function issueMessage(issue: z.core.$ZodIssue): Text {
  const field = label(issue.path);
  const i = issue as z.core.$ZodIssue & { minimum?: number | bigint; maximum?: number | bigint; origin?: string; inclusive?: boolean; expected?: string; keys?: string[]; values?: unknown[]; divisor?: number; format?: string };
  const values = { field: '', min: Number(i.minimum ?? 0), max: Number(i.maximum ?? 0) };
  const both = (en: string, zh: string): Text => ({ en: fill(en, { ...values, field: field.en }), 'zh-CN': fill(zh, { ...values, field: field['zh-CN'] }) });
  const keyed = FIELD_MESSAGES[issue.message];
  if (keyed) return both(keyed.en, keyed['zh-CN']);
  switch (issue.code) {
    case 'invalid_type': {
      const kind = KIND[i.expected ?? ''] ?? { en: 'a valid value', 'zh-CN': '有效的值' };
      return both(`{field}: missing, or not ${kind.en}.`, `{field}：缺少或不是${kind['zh-CN']}。`);
    }
    case 'too_small':
      if (i.origin === 'string') return values.min <= 1 ? both('{field}: required.', '{field}：必填。') : both('{field}: at least {min} characters.', '{field}：至少 {min} 个字符。');
      if (i.origin === 'array' || i.origin === 'set') return both('{field}: at least {min} entries.', '{field}：至少 {min} 项。');
      return i.inclusive === false ? both('{field}: must be more than {min}.', '{field}：必须大于 {min}。') : both('{field}: at least {min}.', '{field}：不能小于 {min}。');
    case 'too_big':
      if (i.origin === 'string') return both('{field}: at most {max} characters.', '{field}：最多 {max} 个字符。');
      if (i.origin === 'array' || i.origin === 'set') return both('{field}: at most {max} entries.', '{field}：最多 {max} 项。');
      return i.inclusive === false ? both('{field}: must be less than {max}.', '{field}：必须小于 {max}。') : both('{field}: at most {max}.', '{field}：不能大于 {max}。');
    case 'invalid_format':
      if (i.format === 'uuid' || i.format === 'guid') return both('{field}: not a valid id.', '{field}：编号无效。');
      if (i.format === 'datetime' || i.format === 'date') return both('{field}: not a valid date and time.', '{field}：日期时间无效。');
      return both('{field}: not in the expected format.', '{field}：格式不正确。');
    case 'not_multiple_of':
      return both(`{field}: must be a multiple of ${i.divisor}.`, `{field}：必须是 ${i.divisor} 的倍数。`);
    case 'unrecognized_keys': {
      const keys = (i.keys ?? []).map((k) => k.slice(0, 40)).join(', ');
      return both(`{field}: unknown field ${keys}.`, `{field}：未知字段 ${keys}。`);
    }
    case 'invalid_value': {
      const allowed = (i.values ?? []).map((v) => JSON.stringify(v)).join(', ');
      return both(`{field}: must be one of ${allowed}.`, `{field}：只能是 ${allowed} 之一。`);
    }
    case 'invalid_union':
      return both('{field}: not one of the accepted forms.', '{field}：不是可接受的格式。');
    case 'invalid_key':
    case 'invalid_element':
      return both('{field}: has an entry that is not valid.', '{field}：有无效的项。');
    default:
      // A custom check with our own English text (device settings): the text, and a plain Chinese one.
      return { en: `${field.en}: ${issue.message}`, 'zh-CN': `${field['zh-CN']}：格式无效。` };
  }
}

/** Every issue of a failed validation, each with its field's path and our message. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issueMessage(issue) }));
}

/** The message for a `field.xxx` key, unfilled (kept for callers that name a check themselves). */
export function fieldMessage(key: string): Text | undefined {
  return FIELD_MESSAGES[key];
}
