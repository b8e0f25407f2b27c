import { useEffect } from 'react';
import type { StaffInfo } from '../../../src-main/api/contract';
import type { PosClient } from '../bridge/client';
import type { Screen } from '../screens/HomeScreen';

/**
 * A reload of this window (or a renderer crash under Electron) keeps the cashier signed in:
 * main gives the window a short-lived, single-use resume token (never the PIN), kept in this
 * window's sessionStorage only (not shared with other tabs or windows), renewed well before it
 * expires, and traded in once when the page starts again. Sign-out revokes it in main.
 */
const TOKEN = 'pos.resume';
const SCREEN = 'pos.screen';
/** Main's tokens live 10 minutes; renewing every 4 leaves room for a slow or missed renewal. */
const RENEW_MS = 4 * 60_000;

/** At start: the token this window left before the reload signs it in again, if still good. */
export async function resumeSession(pos: PosClient): Promise<void> {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return;
  sessionStorage.removeItem(TOKEN);
  try {
    const r = await pos.staff.resume({ token });
    sessionStorage.setItem(TOKEN, r.token);
  } catch {
    // Expired, revoked or main restarted: the cashier signs in again, nothing else changes.
  }
}

/** While someone is signed in, keep a fresh token in this window. */
export function useResumeToken(pos: PosClient, staff: StaffInfo | null): void {
  const staffId = staff?.id;
  useEffect(() => {
    if (!staffId) return;
    const renew = () => pos.staff.resumeToken().then((r) => sessionStorage.setItem(TOKEN, r.token), () => {});
    void renew();
    const timer = setInterval(renew, RENEW_MS);
    return () => clearInterval(timer);
  }, [pos, staffId]);
}

/** The screen open in this window, so a reload comes back to it (for the same person only). */
export function rememberScreen(staffId: string | undefined, screen: Screen): void {
  sessionStorage.setItem(SCREEN, JSON.stringify({ staffId, screen }));
}

export function screenFor(staff: StaffInfo | null): Screen {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SCREEN) ?? 'null') as { staffId?: string; screen: Screen } | null;
    return staff && saved?.staffId === staff.id ? saved.screen : 'home';
  } catch {
    return 'home';
  }
}
