/**
 * The synthetic schema: plain data, the same for every tool and dialect, generated from a seed
 * so that two runs (and two machines) measure the same tables.
 *
 * Each table: an integer primary key, about ten columns of mixed types, zero to two foreign
 * keys to earlier tables (so creation order is valid and there are no cycles), a composite
 * index and sometimes a second one, a unique constraint, and a few server defaults.
 */

/** mulberry32: a tiny seeded PRNG; Math.random would make every run a different schema. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Column kinds every tool maps the same way on PostgreSQL, MariaDB and SQLite. `default` is
 * the server default as a tool-neutral token: "true", "zero", "now" or a string literal.
 */
const FILLERS = [
  { name: "description", kind: "text" },
  { name: "is_active", kind: "boolean", notNull: true, default: "true" },
  { name: "score", kind: "integer", notNull: true, default: "zero" },
  { name: "views", kind: "bigint" },
  { name: "amount", kind: "numeric", precision: 12, scale: 2 },
  { name: "created_at", kind: "timestamp", notNull: true, default: "now" },
  { name: "due_on", kind: "date" },
  { name: "rank", kind: "smallint" },
  { name: "status", kind: "varchar", length: 20, notNull: true, default: "'new'" },
  { name: "notes", kind: "varchar", length: 200 },
];

export const COLUMNS_PER_TABLE = 10;

export function tableName(i) {
  return `t${String(i).padStart(4, "0")}`;
}

/** The schema of `n` tables; the same (n, seed) always gives the same schema. */
export function generateSchema(n, seed = 20260101) {
  const rand = prng(seed);
  const pick = (k) => Math.floor(rand() * k);
  const tables = [];
  for (let i = 1; i <= n; i++) {
    const name = tableName(i);
    const columns = [
      { name: "id", kind: "integer", primaryKey: true, notNull: true },
      { name: "name", kind: "varchar", length: 100, notNull: true },
      { name: "code", kind: "varchar", length: 32, notNull: true },
    ];
    const fkCount = i === 1 ? 0 : pick(3);
    const foreignKeys = [];
    for (let k = 1; k <= fkCount; k++) {
      const column = `ref${k}_id`;
      columns.push({ name: column, kind: "integer" });
      foreignKeys.push({ name: `fk_${name}_${column}`, column, refTable: tableName(1 + pick(i - 1)) });
    }
    // A rotating window over the fillers keeps every table at ten columns with a varied mix.
    const start = pick(FILLERS.length);
    for (let k = 0; columns.length < COLUMNS_PER_TABLE; k++) columns.push({ ...FILLERS[(start + k) % FILLERS.length] });
    const has = (c) => columns.some((col) => col.name === c);
    const second = ["score", "created_at", "status", "rank", "views", "due_on"].find(has) ?? "code";
    const indexes = [{ name: `ix_${name}_name_${second}`, columns: ["name", second] }];
    if (foreignKeys.length > 0 && rand() < 0.7) indexes.push({ name: `ix_${name}_${foreignKeys[0].column}`, columns: [foreignKeys[0].column] });
    else if (rand() < 0.3) indexes.push({ name: `ix_${name}_code_name`, columns: ["code", "name"] });
    tables.push({ name, columns, foreignKeys, indexes, unique: { name: `uq_${name}_code`, columns: ["code"] } });
  }
  return { n, seed, tables };
}

/** Counts that the report shows next to N, so a reader sees what "a table" means here. */
export function schemaStats(schema) {
  let columns = 0, foreignKeys = 0, indexes = 0, defaults = 0;
  for (const t of schema.tables) {
    columns += t.columns.length;
    foreignKeys += t.foreignKeys.length;
    indexes += t.indexes.length;
    defaults += t.columns.filter((c) => c.default).length;
  }
  return { tables: schema.tables.length, columns, foreignKeys, indexes, uniques: schema.tables.length, defaults };
}
