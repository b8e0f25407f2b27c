import type { FuelService } from './fuel/fuel-service';
import { seedFuelDemo } from './fuel/fuel-seed';
import { seedLockerDemo, type LockerService } from './lockers';
import type { StaffService } from './staff/staff-service';
import type { PointsService } from './points/points-service';
import { seedPointsDemo } from './points/points-seed';
import type { Settlement } from './settlement';
import { seedSettlementDemo } from './settlement/demo-seed';
import { seedSetupDemo } from './setup/demo-seed';
import type { SetupService } from './setup/setup-service';

/** The staff a demo store starts with; their PINs are printed at start so a newcomer can sign in. */
export const DEMO_STAFF = [
  { name: '王芳 Wang Fang', role: 'manager', pin: '1234' },
  { name: '李娜 Li Na', role: 'cashier', pin: '1111' },
  { name: '张伟 Zhang Wei', role: 'cashier', pin: '2222' },
] as const;

export const DEMO_STORE_NAME = '清泉浴场 Clear Spring Spa';

/** The demo store: staff with known PINs, lockers with known wristbands, a fuel station. Each part seeds once. */
export async function seedDemo(parts: { staff: StaffService; lockers: LockerService; fuel: FuelService; setup: SetupService; points: PointsService; settlement?: Settlement }): Promise<void> {
  await seedStaff(parts.staff);
  seedLockerDemo(parts.lockers);
  await seedFuelDemo(parts.fuel.setup, parts.fuel.store);
  seedSetupDemo(parts.setup);
  await seedPointsDemo(parts.points);
  if (parts.settlement) await seedSettlementDemo(parts.settlement, parts.staff);
}

/** Seeds the demo staff once; a data dir that is already set up is left alone. */
async function seedStaff(staff: StaffService): Promise<boolean> {
  if (!(await staff.needsSetup())) return false;
  const [manager, ...others] = DEMO_STAFF;
  const boss = await staff.setup({ storeName: DEMO_STORE_NAME, managerName: manager.name, pin: manager.pin });
  for (const s of others) await staff.create(boss, { name: s.name, role: s.role, pin: s.pin });
  return true;
}
