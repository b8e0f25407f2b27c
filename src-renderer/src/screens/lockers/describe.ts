import type { Overview } from './shared';

/**
 * A charge's description in the screen's language. Main stores catalog lines and outlet names
 * in both languages ("宫保鸡丁 Kung pao chicken x2", as the bilingual receipt prints them);
 * the screen shows one ("宫保鸡丁 x2" or "Kung pao chicken x2"). A typed note is left as typed.
 */
export function localDescription(description: string, overview: Pick<Overview, 'outlets'>, lang: string): string {
  const zh = lang === 'zh-CN';
  let text = description;
  const names = overview.outlets.flatMap((o) => [{ zh: o.nameZh, en: o.nameEn }, ...o.items.map((i) => ({ zh: i.nameZh, en: i.nameEn }))]);
  // Longest first, so "全身按摩 90 分钟 Full body 90 min" is not cut by a shorter name inside it.
  for (const n of names.sort((a, b) => b.zh.length + b.en.length - (a.zh.length + a.en.length))) {
    text = text.split(`${n.zh} ${n.en}`).join(zh ? n.zh : n.en);
  }
  return text;
}
