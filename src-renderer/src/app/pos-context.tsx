import { createContext, useContext } from 'react';
import type { MethodOutput, PosBridge, StaffInfo } from '../../../src-main/api/contract';
import type { PosClient } from '../bridge/client';

export type SystemInfo = MethodOutput<'system.info'>;

export interface PosContextValue {
  pos: PosClient;
  bridge: PosBridge;
  info: SystemInfo;
  staff: StaffInfo | null;
  connected: boolean;
  refreshInfo(): Promise<void>;
}

export const PosContext = createContext<PosContextValue | null>(null);

export function usePos(): PosContextValue {
  const v = useContext(PosContext);
  if (!v) throw new Error('usePos outside PosContext');
  return v;
}
