/** The node's sense of time, injected so tests can move it (offer expiry, retry horizons). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand; it starts at the real time unless given one. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date = new Date()) {
    this.#ms = start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(at: Date): void {
    this.#ms = at.getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}
