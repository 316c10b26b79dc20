import type { Handlers, ServiceContext } from './registry';
import { runAction } from '../ledger/actions';
import { getClerk, setClerk } from '../ledger/clerk';

function clerkOf(ctx: ServiceContext) {
  const c = getClerk(ctx.session.db(), ctx.session.computerId);
  return { name: c?.name ?? '', unit: c?.unit ?? '', login: ctx.session.login };
}

/** The clerk's name and unit, for this computer: history and sign-off steps record the name. */
export const clerkHandlers: Handlers<'people.clerk' | 'people.setClerk'> = {
  'people.clerk': (_req, ctx) => clerkOf(ctx),
  'people.setClerk': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, { source: 'edit', label: `设置本机填报人为“${req.name}”`, actor: req.name }, () =>
      setClerk(db, ctx.session.computerId, { name: req.name, unit: req.unit }),
    );
    return clerkOf(ctx);
  },
};
