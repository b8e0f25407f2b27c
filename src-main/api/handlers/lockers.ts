import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function lockersHandlers(_s: Services) {
  return {} satisfies HandlerMap<'lockers.'>;
}
