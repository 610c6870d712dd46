import type { Dialect } from "../dialects/dialect.js";

/** What the version and history tables share: a name, an optional schema, and its quoted SQL form. */
export abstract class BookkeepingTable {
  protected readonly dialect: Dialect;
  readonly name: string;
  readonly schema: string | null;

  constructor(dialect: Dialect, name: string, schema: string | null) {
    this.dialect = dialect;
    this.name = name;
    this.schema = schema;
  }

  get qualified(): string {
    const q = this.dialect.quoteIdentifier;
    return this.schema ? `${q(this.schema)}.${q(this.name)}` : q(this.name);
  }
}
