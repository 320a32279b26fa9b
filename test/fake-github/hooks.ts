export interface Hook {
  /** Only requests with this method (GET when absent). */
  method?: string;
  /** A route template (/repos/{owner}/{repo}/pulls/{pull_number}/files), a concrete path, or /graphql. */
  route: string;
  /** Runs after the nth matching request was answered from state (default 1). */
  nth?: number;
  /** Changes the world between two requests, e.g. `() => api.state.pushToPull(1)`: a head that moves mid-run. */
  action: () => void;
}

interface ArmedHook extends Hook {
  seen: number;
}

/** Things that happen on GitHub while a run is talking to it, triggered by the run's own requests. */
export class HookQueue {
  private readonly hooks: ArmedHook[] = [];

  add(hook: Hook): void {
    this.hooks.push({ ...hook, seen: 0 });
  }

  /** Called once a request was answered (its response computed, not yet sent). */
  answered(method: string, route: string | null, path: string): void {
    for (const hook of [...this.hooks]) {
      if ((hook.method ?? 'GET').toUpperCase() !== method) continue;
      if (hook.route !== route && hook.route !== path) continue;
      hook.seen++;
      if (hook.seen === (hook.nth ?? 1)) {
        this.hooks.splice(this.hooks.indexOf(hook), 1);
        hook.action();
      }
    }
  }

  get pending(): number {
    return this.hooks.length;
  }
}
