import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function systemHandlers(s: Services) {
  const storeSettings = () => {
    const v = s.settings.get();
    return { storeName: v.store.name, currency: v.store.currency, timeZone: v.store.timeZone, locale: v.store.locale, terminalName: v.terminal.name };
  };
  return {
    'system.disk': async () => s.disk.status(),
    'system.info': async () => {
      const v = s.settings.get();
      return { version: s.config.version, host: s.config.host, storeId: v.store.id, terminalId: v.terminal.id, demo: s.config.demo, settings: storeSettings() };
    },
    'system.integrity': async () => s.integrity.status(),
    'system.verifyLedger': async (_input, ctx) => {
      const { report, summary, status } = await s.integrity.verify(ctx.session.staff!);
      return { ok: report.ok, entries: report.entries, summary, finding: report.ok ? null : report.finding, status };
    },
    'settings.update': async (input, ctx) => {
      s.settings.update((v) => {
        if (input.storeName !== undefined) v.store.name = input.storeName;
        if (input.terminalName !== undefined) v.terminal.name = input.terminalName;
        if (input.locale !== undefined) v.store.locale = input.locale;
        if (input.timeZone !== undefined) v.store.timeZone = input.timeZone;
      });
      await s.audit.record('settings.update', 'ok', ctx.session.staff?.id ?? null, input);
      return storeSettings();
    },
  } satisfies HandlerMap<'system.' | 'settings.'>;
}
