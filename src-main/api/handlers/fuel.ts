import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function fuelHandlers(_s: Services) {
  return {} satisfies HandlerMap<'fuel.'>;
}
