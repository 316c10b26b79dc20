import type { OpName, ParsedReq, Res } from '../../../shared/api/contract';
import type { HostCapabilities, Session } from '../session';

export interface ServiceContext {
  session: Session;
  host: HostCapabilities;
}

export type Handler<K extends OpName> = (req: ParsedReq<K>, ctx: ServiceContext) => Res<K> | Promise<Res<K>>;
export type Handlers<K extends OpName> = { [P in K]: Handler<P> };

/** A registry of handlers that refuses a name registered twice (STYLE habit 3). */
export function createRegistry() {
  const handlers = new Map<string, Handler<OpName>>();
  return {
    register<K extends OpName>(module: Handlers<K>): void {
      for (const [name, fn] of Object.entries(module)) {
        if (handlers.has(name)) throw new Error(`duplicate handler for operation "${name}"`);
        handlers.set(name, fn as Handler<OpName>);
      }
    },
    get(name: string): Handler<OpName> | undefined {
      return handlers.get(name);
    },
    names(): string[] {
      return [...handlers.keys()];
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;
