// Queries the busiest requests run every time (finding a token's user, a blog by its slug,
// writing a post, its change and its audit entry): built and compiled by Kysely once per
// store, then run with each call's values. Kysely otherwise builds a fresh query tree and
// compiles it to SQL on every call: about a fifth of a publish's JavaScript time. The SQL is
// the same Kysely writes for the backend; only the values change from call to call.

import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from "kysely";
import type { Database } from "../schema.js";

/** Stands in for a named value while the query is built; compiling shows where it went. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query over named values. `build` must hand each value to Kysely as it is (as a compared,
 * inserted or set value), never look at it: it runs once, with stand-ins.
 */
export class PreparedQuery<Values extends object, Row> {
  constructor(
    readonly names: readonly (keyof Values & string)[],
    readonly build: (db: Kysely<Database>, values: Values) => Compilable<Row>,
  ) {}
}

export function prepared<Values extends object, Row>(
  names: readonly (keyof Values & string)[],
  build: (db: Kysely<Database>, values: Values) => Compilable<Row>,
): PreparedQuery<Values, Row> {
  return new PreparedQuery(names, build);
}

interface Compiled {
  sql: string;
  /** The compiled query's parameters: constants, or the slot a call's value goes in. */
  parameters: readonly unknown[];
}

/** One backend's compiled queries; a store and the transactions it opens share one. */
export class PreparedStatements {
  readonly #compiled = new Map<PreparedQuery<never, unknown>, Compiled>();

  async run<Values extends object, Row>(
    db: Kysely<Database>,
    query: PreparedQuery<Values, Row>,
    values: Values,
  ): Promise<QueryResult<Row>> {
    const key = query as unknown as PreparedQuery<never, unknown>;
    let compiled = this.#compiled.get(key);
    if (!compiled) {
      compiled = compile(db, query);
      this.#compiled.set(key, compiled);
    }
    const parameters = compiled.parameters.map((parameter) => {
      if (!(parameter instanceof Slot)) return parameter;
      const value = (values as Record<string, unknown>)[parameter.name];
      // Kysely leaves an undefined value out of the query; a compiled query cannot.
      if (value === undefined) throw new Error(`Prepared query: no value for "${parameter.name}"`);
      return value;
    });
    return db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
  }
}

function compile<Values extends object, Row>(
  db: Kysely<Database>,
  query: PreparedQuery<Values, Row>,
): Compiled {
  const slots = Object.fromEntries(query.names.map((name) => [name, new Slot(name)]));
  const { sql, parameters } = query.build(db, slots as Values).compile();
  const placed = new Set(
    parameters.filter((p): p is Slot => p instanceof Slot).map((slot) => slot.name),
  );
  const lost = query.names.filter((name) => !placed.has(name));
  // A value the builder looked at, or one Kysely wrote into the SQL text, cannot be reused.
  if (lost.length > 0)
    throw new Error(`Prepared query: ${lost.join(", ")} did not become parameters`);
  return { sql, parameters };
}
