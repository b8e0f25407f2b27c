import type { StaffService } from './staff/staff-service';

/** The staff a demo store starts with; their PINs are printed at start so a newcomer can sign in. */
export const DEMO_STAFF = [
  { name: '王芳 Wang Fang', role: 'manager', pin: '1234' },
  { name: '李娜 Li Na', role: 'cashier', pin: '1111' },
  { name: '张伟 Zhang Wei', role: 'cashier', pin: '2222' },
] as const;

export const DEMO_STORE_NAME = '清泉浴场 Clear Spring Spa';

/** Seeds a small demo store once; a data dir that is already set up is left alone. */
export async function seedDemo(staff: StaffService): Promise<boolean> {
  if (!(await staff.needsSetup())) return false;
  const [manager, ...others] = DEMO_STAFF;
  const boss = await staff.setup({ storeName: DEMO_STORE_NAME, managerName: manager.name, pin: manager.pin });
  for (const s of others) await staff.create(boss, { name: s.name, role: s.role, pin: s.pin });
  return true;
}
