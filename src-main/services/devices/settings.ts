// The device settings schema, re-exported for the API contract (which may not import the device layer).
export { DeviceSettingsSchema, type DeviceSettings, type DeviceSettingsInput } from '../../devices/settings';
