// Public surface of the device layer for services and the composition root.
export { DeviceManager, type DeviceManagerEvents, type DeviceManagerOptions } from './manager';
export { DeviceSettingsSchema, defaultDeviceSettings, type DeviceSettings, type DeviceSettingsInput } from './settings';
export { DeviceError, maskId, defaultTiming, type DeviceErrorCode, type DeviceKind, type DeviceLogger, type DeviceState, type DeviceStatus, type DeviceTiming } from './common';
export type { CardEvent, OpenHidDevice, HidDeviceHandle } from './card-reader/card-reader';
export type { ScanEvent } from './scanner/scanner';
export type { AuthorizeRequest, DoseType, PumpPhase, PumpState, PumpTotals } from './pump/pump';
export type { PrintJob, PrintResult, ReceiptRasterizer } from './printer/printer';
export type { HidDeviceInfo, SerialPortInfo } from './discovery';
export { textModeFor } from './printer/escpos-printer';
export { testReceipt } from './printer/printer-station';
