import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../src-main/api/channels';
import type { CallResult, PosBridge } from '../src-main/api/contract';

/**
 * The whole surface the renderer gets: invoke and subscribe on two fixed channels.
 * Never raw ipcRenderer. The typed client is built in the renderer on top of this.
 */
const bridge: PosBridge = {
  host: 'electron',
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE, method, input) as Promise<CallResult>,
  subscribe(event, listener) {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.off(IPC_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('posBridge', bridge);
