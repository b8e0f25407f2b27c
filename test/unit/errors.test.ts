import { describe, expect, it } from 'vitest';
import { PosError } from '../../src-main/domain/errors';
import { deviceError } from '../../src-main/services/devices/device-service';
import { DeviceError } from '../../src-main/devices';

describe('error messages speak one language each (issue 12, item 11)', () => {
  it('names a device in the message’s own language, never both glued together', () => {
    const e = deviceError(new DeviceError('DEVICE_OFFLINE', 'connect ECONNREFUSED 127.0.0.1:9100'), 'printer') as PosError;
    expect(e.toData().message).toEqual({ en: 'The receipt printer is offline. Check its cable and power.', 'zh-CN': '小票打印机离线，请检查连线和电源。' });
    const missing = deviceError(new DeviceError('NOT_FOUND', 'no such device'), 'cardReader') as PosError;
    expect(missing.toData().message).toEqual({ en: 'card reader was not found.', 'zh-CN': '未找到读卡器。' });
  });

  it('keeps plain params (numbers, lockers, amounts) the same in both languages', () => {
    expect(new PosError('LOCKER_OUT_OF_SERVICE', { locker: 105 }).toData().message).toEqual({ en: 'Locker 105 is out of service.', 'zh-CN': '105 号柜暂停使用。' });
  });
});
