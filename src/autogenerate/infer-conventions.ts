/**
 * The naming convention a pulled schema follows, read from its names: when most primary keys
 * are called `<table>_pkey`, the models say so once in MetaData and leave those names out.
 * A kind gets a convention only when every object of that kind has a name, since the
 * convention would otherwise name the ones the database left unnamed.
 */
import { conventionName, type NamingConvention, type NamingContext } from "../schema/naming.js";
import type { TableSnapshot } from "../snapshot/types.js";

const CANDIDATES: Readonly<Record<keyof NamingConvention, readonly string[]>> = {
  pk: ["%(table)s_pkey", "pk_%(table)s", "PK_%(table)s", "%(table)s_pk"],
  fk: [
    "%(table)s_%(column_0_N_name)s_fkey", "fk_%(table)s_%(column_0_N_name)s_%(referred_table)s",
    "fk_%(table)s_%(column_0_N_name)s", "%(table)s_fk_%(column_0_N_name)s", "%(table)s_fk_%(referred_table)s",
  ],
  uq: ["%(table)s_%(column_0_N_name)s_key", "uq_%(table)s_%(column_0_N_name)s", "%(column_0_name)s", "%(table)s_%(column_0_N_name)s_uniq"],
  ix: [
    "ix_%(table)s_%(column_0_name)s", "%(table)s_%(column_0_N_name)s_idx", "idx_%(table)s_%(column_0_N_name)s",
    "%(table)s_idx_%(column_0_N_name)s", "ix_%(table)s_%(column_0_N_name)s", "%(column_0_name)s",
  ],
  ck: [],
};

interface Named {
  readonly name: string | null;
  readonly ctx: NamingContext;
}

function objects(tables: readonly TableSnapshot[]): Record<keyof NamingConvention, Named[]> {
  const out: Record<keyof NamingConvention, Named[]> = { pk: [], fk: [], uq: [], ix: [], ck: [] };
  for (const t of tables) {
    if (t.primaryKey) out.pk.push({ name: t.primaryKey.name, ctx: { table: t.name, columns: t.primaryKey.columns } });
    for (const fk of t.foreignKeys) {
      out.fk.push({
        name: fk.name,
        ctx: { table: t.name, columns: fk.columns, referredTable: fk.referredTable, referredColumns: fk.referredColumns },
      });
    }
    for (const u of t.uniques) out.uq.push({ name: u.name, ctx: { table: t.name, columns: u.columns } });
    for (const i of t.indexes) {
      out.ix.push({ name: i.name, ctx: { table: t.name, columns: i.columns.map((c) => (typeof c === "string" ? c : null)) } });
    }
  }
  return out;
}

function matches(template: string, kind: keyof NamingConvention, o: Named): boolean {
  try {
    return conventionName(kind, null, { [kind]: template }, o.ctx) === o.name;
  } catch {
    return false;
  }
}

export function inferConventions(tables: readonly TableSnapshot[]): NamingConvention {
  const all = objects(tables);
  const out: Partial<Record<keyof NamingConvention, string>> = {};
  for (const kind of Object.keys(CANDIDATES) as (keyof NamingConvention)[]) {
    const list = all[kind];
    if (list.length === 0 || list.some((o) => o.name === null)) continue;
    let best: { template: string; hits: number } | null = null;
    for (const template of CANDIDATES[kind]) {
      const hits = list.filter((o) => matches(template, kind, o)).length;
      if (hits > (best?.hits ?? 1)) best = { template, hits };
    }
    // Indexes already have a default convention; another is worth stating only when it names more.
    if (best && !(kind === "ix" && best.template === CANDIDATES.ix[0])) out[kind] = best.template;
  }
  return out;
}
