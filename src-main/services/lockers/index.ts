export { LockerService } from './locker-service';
export { seedLockerDemo, DEMO_LOCKERS, DEMO_SPARE_UIDS } from './demo-seed';
