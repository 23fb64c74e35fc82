import { userInfo } from 'node:os';
import {
  type Actor,
  addUser,
  findUserByName,
  isRole,
  type Role,
  resetUserPassword,
  setUserDisabled,
  setUserRole,
  type Warehouse,
} from '@malkoll/warehouse';

// `malkoll users add|role|reset`: local dashboard accounts. Generated passwords are printed once and
// stored only as scrypt hashes; there is no way to show them again, only to reset.

/** Who the audit names for a CLI action: the operating-system user that ran it. */
export function cliActor(): Actor {
  let who = 'okänd';
  try {
    who = userInfo().username;
  } catch {
    // No passwd entry (some containers): the audit still says it was the CLI.
  }
  return { name: `cli (${who})`, userId: null };
}

function parseRole(role: string): Role {
  if (!isRole(role)) throw new Error(`Okänd roll "${role}": välj viewer, steward eller admin.`);
  return role;
}

export async function runUsersAdd(db: Warehouse, name: string, role: string): Promise<string> {
  const { user, password } = await addUser(db, name, parseRole(role), cliActor());
  return `Användaren ${user.name} (${user.role}) är skapad.\nLösenord (visas bara nu): ${password}`;
}

export async function runUsersRole(db: Warehouse, name: string, role: string): Promise<string> {
  const r = parseRole(role);
  if (!(await setUserRole(db, name, r, cliActor()))) throw new Error(`Användaren "${name}" finns inte.`);
  return `${name} har nu rollen ${r}; inloggade sessioner är avslutade.`;
}

export async function runUsersReset(db: Warehouse, name: string): Promise<string> {
  const password = await resetUserPassword(db, name, cliActor());
  if (password === undefined) throw new Error(`Användaren "${name}" finns inte.`);
  return `Nytt lösenord för ${name} (visas bara nu): ${password}\nInloggade sessioner är avslutade.`;
}

export async function runUsersDisabled(db: Warehouse, name: string, disabled: boolean): Promise<string> {
  if (!(await setUserDisabled(db, name, disabled, cliActor()))) {
    throw new Error(`Användaren "${name}" finns inte.`);
  }
  return disabled
    ? `${name} är avstängd: kan inte logga in, inloggade sessioner är avslutade och API-nycklarna fungerar inte.`
    : `${name} är aktiverad igen.`;
}

/** The demo's accounts, one per role, so each view of the dashboard can be tried. */
export const DEMO_USERS: readonly { name: string; role: Role }[] = [
  { name: 'lasare', role: 'viewer' },
  { name: 'forvaltare', role: 'steward' },
  { name: 'admin', role: 'admin' },
];

/**
 * Creates the demo accounts that do not exist yet and says their passwords, once: a later run only says
 * the account exists (`malkoll users reset <name>` gives it a new password).
 */
export async function ensureDemoUsers(db: Warehouse): Promise<string[]> {
  const lines: string[] = [];
  for (const { name, role } of DEMO_USERS) {
    if (await findUserByName(db, name)) {
      lines.push(`${name} (${role}): finns redan; nytt lösenord med pnpm malkoll users reset ${name}`);
    } else {
      const { password } = await addUser(db, name, role, cliActor());
      lines.push(`${name} (${role}): lösenord ${password} (visas bara nu)`);
    }
  }
  return lines;
}
