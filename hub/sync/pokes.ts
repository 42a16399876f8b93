/** Server-sent pokes: "something changed in your clinic, pull". They carry no data. */
export class Pokes {
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(scope: string, fn: () => void): () => void {
    let set = this.listeners.get(scope);
    if (!set) this.listeners.set(scope, (set = new Set()));
    set.add(fn);
    return () => void set.delete(fn);
  }

  poke(scopes: Iterable<string>): void {
    for (const scope of new Set(scopes)) this.listeners.get(scope)?.forEach((fn) => fn());
  }

  get subscribers(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
