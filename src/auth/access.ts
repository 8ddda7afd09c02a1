import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../errors.js';
import { HttpRefusal } from '../http/refusal.js';
import { Budgets } from './budgets.js';
import { KeyRing, type Role } from './keys.js';

/** Who a request comes from: a key's name and role, or an anonymous reader at an address. */
export interface Principal {
  /** The key's name; null for a request without a key. */
  name: string | null;
  role: Role;
  /** Whose budget the request spends: `key:<name>` or `address:<ip>`. */
  budgetKey: string;
  /** The budget per minute that applies; 0 for none. */
  budgetPerMinute: number;
}

/** What a role may do: read, curate (add, corroborate, retract), merge entities. */
export type Right = 'read' | 'curate' | 'merge';

const RIGHTS: Record<Role, ReadonlySet<Right>> = {
  reader: new Set(['read']),
  curator: new Set(['read', 'curate']),
  admin: new Set(['read', 'curate', 'merge']),
};

export function hasRight(role: Role, right: Right): boolean {
  return RIGHTS[role].has(right);
}

/** The right a root field needs: mergeEntities needs merge, any other mutation curate, anything else read. */
export function rightFor(operation: 'query' | 'mutation' | 'subscription', field: string): Right {
  if (operation !== 'mutation') return 'read';
  return field === 'mergeEntities' ? 'merge' : 'curate';
}

/** How the server tells who a request comes from, and what each may spend. */
export interface Access {
  keys: KeyRing;
  /** Whether a request without a key is refused (READ_REQUIRES_KEY); otherwise it reads as `reader`. */
  readRequiresKey: boolean;
  budgets: Budgets;
  /** The budget per minute of a key whose record names none; 0 for none. */
  keyBudgetPerMinute: number;
  /** The budget per minute shared by the requests without a key from one address; 0 for none. */
  anonymousBudgetPerMinute: number;
}

/** No keys, reading open, no budgets: what a server is given when nothing is configured (tests). */
export function openAccess(): Access {
  return { keys: new KeyRing(), readRequiresKey: false, budgets: new Budgets(), keyBudgetPerMinute: 0, anonymousBudgetPerMinute: 0 };
}

/** An anonymous reader with no budget: a request made inside the process, as tests make them. */
export const IN_PROCESS: Principal = { name: null, role: 'reader', budgetKey: 'in-process', budgetPerMinute: 0 };

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * Who an HTTP request comes from, by its `Authorization: Bearer <key>` header. A header that is
 * not a bearer key, or a key the server does not know, is refused with 401 before anything else
 * reads the request; without a header the request reads as an anonymous `reader`, unless reading
 * needs a key. The key is never kept, logged or echoed.
 */
export function principalOf(req: IncomingMessage, access: Access): Principal {
  const header = req.headers.authorization;
  if (header === undefined) {
    if (access.readRequiresKey) throw unauthenticated('This server needs a key to read: send Authorization: Bearer <key>.');
    return { name: null, role: 'reader', budgetKey: `address:${req.socket.remoteAddress ?? 'unknown'}`, budgetPerMinute: access.anonymousBudgetPerMinute };
  }
  const match = BEARER.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <key>".');
  const record = access.keys.find(match[1]!);
  if (!record) throw unauthenticated('The key is not one this server knows.');
  return { name: record.name, role: record.role, budgetKey: `key:${record.name}`, budgetPerMinute: record.budgetPerMinute ?? access.keyBudgetPerMinute };
}

function unauthenticated(message: string): HttpRefusal {
  return new HttpRefusal(401, ErrorCode.UNAUTHENTICATED, message, { 'www-authenticate': 'Bearer' });
}
