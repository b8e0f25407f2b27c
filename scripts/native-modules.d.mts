// Types for native-modules.mjs (a plain script, so `npm start` needs no build step), for its tests.
export interface NativeModule {
  name: string;
  file: string;
  abi: number;
}
export interface Decision {
  action: 'none' | 'rebuild-node' | 'rebuild-electron';
  modules: string[];
  message?: string;
}
export function builtAbi(file: string): number | null;
export function nativeModules(root: string): NativeModule[];
export function decide(s: { target: 'node' | 'electron'; modules: { name: string; abi: number }[]; nodeAbi: number; electronAbi: number | null }): Decision;
export function electronAbi(electronPath: string): number | null;
export function ensureNativeModules(root: string, target: 'node' | 'electron', electronPath?: string | null): Decision;
