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
};

export function fieldMessage(key: string): Record<Locale, string> | undefined {
  return FIELD_MESSAGES[key];
}
