/** Frames a connection may send in a burst. */
export const BURST_FRAMES = 100;
/** Frames per second a connection may keep sending. */
export const FRAMES_PER_SECOND = 20;

/** A token bucket per connection: a burst, then a steady rate. */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly burst: number;
  private readonly perSecond: number;

  constructor(burst = BURST_FRAMES, perSecond = FRAMES_PER_SECOND) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.tokens = burst;
    this.last = Date.now();
  }

  /** Takes one token; false when the connection is sending too fast. */
  take(): boolean {
    const at = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((at - this.last) / 1000) * this.perSecond);
    this.last = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
