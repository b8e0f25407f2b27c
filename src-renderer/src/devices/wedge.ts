// Keyboard-wedge card readers and scanners "type" their data into whatever has
// focus, far faster than a person: characters arrive under ~30 ms apart and end
// with Enter. This detector tells such a burst from a cashier typing the same
// digits (a PIN, an amount), so a typed PIN is never taken for a card.
// Pure TypeScript fed {key, timeStamp} from keydown events; no DOM needed to test.

export interface WedgeKey {
  /** KeyboardEvent.key: one character, 'Enter', 'Shift', ... */
  key: string;
  /** KeyboardEvent.timeStamp in milliseconds. */
  timeStamp: number;
}

export type WedgeKind = 'card' | 'scan';

export interface WedgeBurst {
  kind: WedgeKind;
  text: string;
  /** From the first character to Enter, for diagnostics. */
  durationMs: number;
}

export interface WedgeOptions {
  /** Largest gap between two keys of one burst. */
  maxGapMs?: number;
  /** Shortest burst that counts; shorter fast runs are a person's lucky double-tap. */
  minLength?: number;
  /** Decides whether a burst is a card or a scan; readers differ, so the settings may override. */
  classify?: (text: string) => WedgeKind;
}

/**
 * Default: wedge card readers send a 10-digit decimal UID (EM4100 style) or a hex
 * UID of 8 (with a letter, so an EAN-8 barcode stays a scan), 14 or 20 characters.
 */
export function classifyWedge(text: string): WedgeKind {
  if (/^\d{10}$/.test(text)) return 'card';
  if (/^(?=.*[A-F])[0-9A-F]{8}$/i.test(text) || /^[0-9A-F]{14}$/i.test(text) || /^[0-9A-F]{20}$/i.test(text)) return 'card';
  return 'scan';
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'AltGraph']);

export class WedgeDetector {
  private chars: string[] = [];
  private firstAt = 0;
  private lastAt = 0;
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly classify: (text: string) => WedgeKind;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 30;
    this.minLength = options.minLength ?? 4;
    this.classify = options.classify ?? classifyWedge;
  }

  /**
   * Feeds one keydown. Returns the burst when this key (Enter) completes one, so the
   * caller can preventDefault the Enter and remove the burst's characters from the field.
   */
  feed(event: WedgeKey): WedgeBurst | undefined {
    // Scanners press Shift for capitals: it neither breaks nor extends a burst.
    if (MODIFIERS.has(event.key)) return undefined;
    const gap = event.timeStamp - this.lastAt;
    if (event.key === 'Enter') {
      const burst = this.chars.length >= this.minLength && gap <= this.maxGapMs ? this.chars.join('') : undefined;
      const durationMs = event.timeStamp - this.firstAt;
      this.reset();
      return burst === undefined ? undefined : { kind: this.classify(burst), text: burst, durationMs };
    }
    if (event.key.length !== 1) {
      this.reset(); // Backspace, Tab, arrows: a person is editing
      return undefined;
    }
    if (this.chars.length === 0 || gap > this.maxGapMs) {
      // Too slow to belong to the run so far: this key may start a new burst.
      this.chars = [event.key];
      this.firstAt = event.timeStamp;
    } else {
      this.chars.push(event.key);
    }
    this.lastAt = event.timeStamp;
    return undefined;
  }

  reset(): void {
    this.chars = [];
    this.firstAt = 0;
    this.lastAt = 0;
  }
}

/** The slice of a DOM event target the hook needs (window or document). */
export interface KeydownTarget {
  addEventListener(type: 'keydown', listener: (event: KeyboardEvent) => void, options?: boolean): void;
  removeEventListener(type: 'keydown', listener: (event: KeyboardEvent) => void, options?: boolean): void;
}

/**
 * Listens for wedge bursts on a target; returns the cleanup, so a React effect is
 * `useEffect(() => attachWedge(window, (b) => pos.devices.wedge(b)), [])`.
 * The burst's Enter is swallowed and its characters removed from the focused field.
 */
export function attachWedge(target: KeydownTarget, onBurst: (burst: WedgeBurst) => void, options?: WedgeOptions): () => void {
  const detector = new WedgeDetector(options);
  const listener = (event: KeyboardEvent) => {
    const burst = detector.feed({ key: event.key, timeStamp: event.timeStamp });
    if (!burst) return;
    event.preventDefault();
    event.stopPropagation();
    const field = event.target as { value?: unknown } | null;
    if (field && typeof field.value === 'string' && field.value.endsWith(burst.text)) {
      field.value = field.value.slice(0, field.value.length - burst.text.length);
    }
    onBurst(burst);
  };
  // Capture phase: see the keys before a form's Enter handler submits it.
  target.addEventListener('keydown', listener, true);
  return () => target.removeEventListener('keydown', listener, true);
}
