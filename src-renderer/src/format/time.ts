/**
 * Times as the counter shows them: in the store's time zone (not the PC's) and the screen's
 * language, 24-hour clock in both (never "12:36:42 AM" in the Chinese screen).
 */
export function formatTime(iso: string, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatDateTime(iso: string, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
