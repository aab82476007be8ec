import "server-only";
import type postgres from "postgres";

export type TableShape = { name: string; columns: string[]; objectKeyColumns: string[] };

/**
 * The app's tables in the public schema, parents before children (foreign keys), each with its stored
 * columns. Columns named `object_key` / `*_object_key` hold bucket keys: that is how the backup finds the
 * objects a row needs, whatever table a later feature adds.
 */
export async function listTables(sql: postgres.Sql | postgres.TransactionSql): Promise<TableShape[]> {
  const columns = await sql<{ table_name: string; column_name: string }[]>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
    order by c.table_name, c.ordinal_position`;
  const edges = await sql<{ child: string; parent: string }[]>`
    select child.relname as child, parent.relname as parent
    from pg_constraint con
    join pg_class child on child.oid = con.conrelid
    join pg_class parent on parent.oid = con.confrelid
    join pg_namespace ns on ns.oid = child.relnamespace
    where con.contype = 'f' and ns.nspname = 'public' and child.oid <> parent.oid`;

  const shapes = new Map<string, TableShape>();
  for (const { table_name: table, column_name: column } of columns) {
    const shape = shapes.get(table) ?? { name: table, columns: [], objectKeyColumns: [] };
    shape.columns.push(column);
    if (column === "object_key" || column.endsWith("_object_key")) shape.objectKeyColumns.push(column);
    shapes.set(table, shape);
  }
  return orderByDependencies(shapes, edges);
}

function orderByDependencies(
  shapes: Map<string, TableShape>,
  edges: { child: string; parent: string }[],
): TableShape[] {
  const parents = new Map([...shapes.keys()].map((name) => [name, new Set<string>()]));
  for (const { child, parent } of edges) parents.get(child)?.add(parent);
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  while (placed.size < shapes.size) {
    const ready = [...shapes.keys()]
      .filter((name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((p) => placed.has(p)))
      .sort();
    // A cycle of foreign keys would need deferred constraints to load; the schema has none, so say so loudly.
    if (ready.length === 0) throw new Error("the tables' foreign keys form a cycle: cannot order the dump");
    for (const name of ready) {
      placed.add(name);
      ordered.push(shapes.get(name) as TableShape);
    }
  }
  return ordered;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
