import type { StaffInfo } from './contract';

/**
 * One per window (Electron) or per WebSocket connection (browser host): who is signed in
 * on that screen. Lives in main, so a renderer cannot claim to be someone else.
 */
export class Session {
  private current: StaffInfo | null = null;

  constructor(private readonly onChange: (staff: StaffInfo | null) => void = () => {}) {}

  get staff(): StaffInfo | null {
    return this.current;
  }

  set(staff: StaffInfo | null): void {
    this.current = staff;
    this.onChange(staff);
  }
}

export interface CallContext {
  session: Session;
}
