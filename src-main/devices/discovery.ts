// Discovery for the settings screen: which HID devices and serial ports are plugged
// in. Device libraries load lazily so a machine without them lists nothing instead
// of failing to start.
import { errorReason, type DeviceLogger } from './common';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  usagePage?: number;
  usage?: number;
}

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export async function listHidDevices(logger: DeviceLogger): Promise<HidDeviceInfo[]> {
  try {
    const { devicesAsync } = await import('node-hid');
    const devices = await devicesAsync();
    return devices.map((d) => ({
      vendorId: d.vendorId,
      productId: d.productId,
      ...(d.path ? { path: d.path } : {}),
      ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
      ...(d.product ? { product: d.product } : {}),
      ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
      ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
      ...(d.usage !== undefined ? { usage: d.usage } : {}),
    }));
  } catch (err) {
    logger.warn({ err: errorReason(err) }, 'HID discovery unavailable');
    return [];
  }
}

export async function listSerialPorts(logger: DeviceLogger): Promise<SerialPortInfo[]> {
  try {
    const { SerialPort } = await import('serialport');
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      ...(p.vendorId ? { vendorId: p.vendorId } : {}),
      ...(p.productId ? { productId: p.productId } : {}),
    }));
  } catch (err) {
    logger.warn({ err: errorReason(err) }, 'serial port discovery unavailable');
    return [];
  }
}
