import type { Locale } from '../domain/errors';

/**
 * Messages for field checks declared in the contract with `{ error: 'field.xxx' }`.
 * Other checks fall back to zod's own zh-CN and en messages.
 */
const FIELD_MESSAGES: Record<string, Record<Locale, string>> = {
  'field.pin': { en: 'A PIN is 4 to 8 digits.', 'zh-CN': '密码为 4 到 8 位数字。' },
  'field.required': { en: 'Required.', 'zh-CN': '必填。' },
  'field.tooLong': { en: 'Too long.', 'zh-CN': '太长。' },
  'field.id': { en: 'Not a valid id.', 'zh-CN': '编号无效。' },
  'field.commandId': { en: 'Not a valid request id (a UUIDv7 made by the screen).', 'zh-CN': '请求编号无效（应为界面生成的 UUIDv7）。' },
  'field.controlChars': { en: 'Remove the control characters (they would reach the printer as commands).', 'zh-CN': '请删除控制字符（它们会被打印机当作指令执行）。' },
  // Lockers (issue 5)
  'field.wristband': { en: 'Tap a wristband or type a locker number.', 'zh-CN': '请刷手牌或输入柜号。' },
  'field.amount': { en: 'Enter an amount above zero.', 'zh-CN': '请输入大于零的金额。' },
  'field.memberCode': { en: 'A member code is 4 to 32 letters or digits.', 'zh-CN': '会员码为 4 到 32 位字母或数字。' },
  'field.customer': { en: 'Enter the customer\'s phone number or scan a member code (one of them).', 'zh-CN': '请输入客人手机号或扫描会员码（二选一）。' },
  'field.itemsOrAmount': { en: 'Pick items or enter an amount (one of them).', 'zh-CN': '请选择商品或输入金额（二选一）。' },
};

export function fieldMessage(key: string): Record<Locale, string> | undefined {
  return FIELD_MESSAGES[key];
}
