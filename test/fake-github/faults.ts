export interface Fault {
  /** Only requests with this method (any when absent). */
  method?: string;
  /** A route template (/repos/{owner}/{repo}/pulls/{pull_number}/merge), a concrete path, or /graphql. */
  route?: string;
  /** How many matching requests fail before the fault is used up (default 1). */
  times?: number;
  status: number;
  headers?: Record<string, string>;
  /** Response body; GitHub's error body for the status when absent. */
  body?: unknown;
  /** Response text sent as it is, still labelled JSON (a body a proxy cut off, an HTML error page). */
  raw?: string;
  /** Apply the request to state first, then answer with the fault (a write that landed but "failed"). */
  afterApply?: boolean;
}

interface ArmedFault extends Fault {
  remaining: number;
}

export class FaultQueue {
  private readonly faults: ArmedFault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** The first fault matching the request, consumed by one. */
  take(method: string, route: string | null, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.route || f.route === route || f.route === path),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining--;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault;
  }

  get pending(): number {
    return this.faults.reduce((sum, f) => sum + f.remaining, 0);
  }
}

const REASONS: Record<number, string> = {
  403: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  429: 'API rate limit exceeded',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: 'We couldn’t respond to your request in time.',
};

export function defaultFaultMessage(status: number): string {
  return REASONS[status] ?? `Fault injected (${status})`;
}
