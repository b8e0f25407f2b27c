/**
 * A background loop's pause that something else can cut short: `sleep(ms)` resolves after `ms`,
 * or at once when `wake()` is called (a commit to push, a push message from the server, stop).
 * The timer never keeps the process alive. The journal push loop and the reference-data puller
 * both wait this way.
 */
export class Nap {
  private wakeCurrent: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeCurrent === done) this.wakeCurrent = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.wakeCurrent = done;
    });
  }

  /** Ends the current sleep now (nothing happens when the loop is not sleeping). */
  wake(): void {
    this.wakeCurrent?.();
  }
}
