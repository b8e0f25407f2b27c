import { WORKFLOWS } from '../../domain/setup';
import type { SetupService } from './setup-service';

export const DEMO_ADDRESS = '上海市黄浦区人民大道 1 号';

/** The demo store is set up already: every workflow on, an address on the receipt. Journaled like a manager's set-up, once. */
export function seedSetupDemo(setup: SetupService): void {
  if (setup.workflows() === null) setup.seedWorkflows([...WORKFLOWS]);
  if (setup.details().address === '') setup.seedAddress(DEMO_ADDRESS);
}
