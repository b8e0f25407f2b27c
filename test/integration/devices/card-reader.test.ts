// The HID card reader fed raw reports by the card presenter (no USB reader here).
import { describe, expect, it } from 'vitest';
import { HidCardReader, decodeCardReport, type CardEvent } from '../../../src-main/devices/card-reader/card-reader';
import { CardReaderSettingsSchema } from '../../../src-main/devices/settings';
import { createCardPresenter } from '../../emulators/card-presenter';
import { eventually, fastTiming, memoryLogger } from './fixtures';


describe('HID card reader', () => {
  it('decodes UIDs from raw reports', () => {
    expect(decodeCardReport(Buffer.from('0404a1b2c3000000', 'hex'), false)).toEqual({ kind: 'card', uid: '04A1B2C3' });
    expect(decodeCardReport(Buffer.from('01070411223344556600', 'hex'), true)).toEqual({ kind: 'card', uid: '04112233445566' });
    expect(decodeCardReport(Buffer.alloc(8), false)).toEqual({ kind: 'empty' });
    expect(decodeCardReport(Buffer.from('05aabbccddee', 'hex'), false).kind).toBe('malformed');
    expect(decodeCardReport(Buffer.from('07aabb', 'hex'), false).kind).toBe('malformed');
  });

  it('emits one event per tap, masks UIDs in logs, ignores malformed reports, survives unplug', async () => {
    const presenter = createCardPresenter({ reportId: true });
    const logger = memoryLogger();
    const settings = CardReaderSettingsSchema.parse({ enabled: true, vendorId: 0x1234, productId: 0x5678, reportId: true });
    const reader = new HidCardReader(settings, logger, fastTiming, presenter.openDevice);
    const cards: CardEvent[] = [];
    reader.on('card', (c) => cards.push(c));
    reader.start();
    await eventually(() => reader.status().state === 'online', 2000, 'reader online');

    presenter.present('04A1B2C3D4E5F6');
    presenter.present('04A1B2C3D4E5F6'); // the reader repeats while the card lies there
    presenter.sendRaw(Buffer.from([1, 0x09, 0xff])); // malformed
    presenter.remove();
    presenter.present('04A1B2C3D4E5F6'); // a second tap
    presenter.present('DEADBEEF');
    expect(cards.map((c) => c.uid)).toEqual(['04A1B2C3D4E5F6', '04A1B2C3D4E5F6', 'DEADBEEF']);
    expect(cards[0]!.source).toBe('hid');
    expect(logger.entries.filter((e) => e.msg === 'malformed card report ignored')).toHaveLength(1);
    expect(logger.text()).not.toContain('04A1B2C3D4E5F6');
    expect(logger.text()).toContain('**********E5F6');

    presenter.unplug();
    expect(reader.status().state).toBe('offline');
    await new Promise((r) => setTimeout(r, 150)); // a few failed reopen attempts
    expect(reader.status().state).not.toBe('online');
    presenter.replug();
    await eventually(() => reader.status().state === 'online', 2000, 'reader back');
    presenter.present('CAFEBABE');
    expect(cards.at(-1)!.uid).toBe('CAFEBABE');
    await reader.stop();
    expect(reader.status().state).toBe('disabled');
  });
});
