// `on`/`once`/`off` as Stripe Elements have them: handlers per event type, called in the order they were added.
import { IntegrationError } from './errors.js';

type Handler = (event: never) => unknown;

export class ElementEvents {
  private readonly handlers = new Map<string, Array<{ handler: Handler; once: boolean }>>();

  on(type: string, handler: Handler): this {
    return this.addHandler(type, handler, false);
  }

  once(type: string, handler: Handler): this {
    return this.addHandler(type, handler, true);
  }

  off(type: string, handler?: Handler): this {
    if (!handler) this.handlers.delete(type);
    else this.handlers.set(type, (this.handlers.get(type) ?? []).filter((entry) => entry.handler !== handler));
    return this;
  }

  protected emit(type: string, payload: object): void {
    const list = this.handlers.get(type);
    if (!list) return;
    this.handlers.set(type, list.filter((entry) => !entry.once));
    for (const entry of list) (entry.handler as (event: object) => unknown)(payload);
  }

  protected removeAllHandlers(): void {
    this.handlers.clear();
  }

  private addHandler(type: string, handler: Handler, once: boolean): this {
    if (typeof handler !== 'function') throw new IntegrationError(`Invalid handler for "${type}": expected a function.`);
    const list = this.handlers.get(type) ?? [];
    list.push({ handler, once });
    this.handlers.set(type, list);
    return this;
  }
}
