import type { Services } from '../../services';
import type { HandlerMap } from './types';

/** Thin: SetupService (guide, details, stations) and CsvTransfer (import, export) own the rules. */
export function setupHandlers(s: Services) {
  const { setup, csv } = s;
  return {
    'setup.status': () => setup.status(),
    'setup.saveStore': (input, ctx) => setup.saveStore(ctx.session.staff!, input),
    'setup.setWorkflows': (input, ctx) => setup.setWorkflows(ctx.session.staff!, input.workflows),
    'setup.stations': () => setup.stations(),
    'setup.saveStation': (input, ctx) => setup.saveStation(ctx.session.staff!, input),
    'setup.useStation': async (input, ctx) => {
      const view = await setup.useStation(ctx.session.staff!, input);
      return { station: view.station, problem: view.problem };
    },
    'setup.importPreview': (input) => csv.preview(input.kind, Buffer.from(input.content, 'base64')),
    'setup.import': (input, ctx) => csv.import(ctx.session.staff!, input),
    'setup.export': (input) => csv.export(input.kind),
  } satisfies HandlerMap<'setup.'>;
}
