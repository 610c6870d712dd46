import { loadGraph, resolveConfigInput, withDatabase, type ConfigInput } from "./context.js";
import { revisionInfos, type RevisionInfo } from "./revision-info.js";
import { namesCurrent, readKnownRows } from "./status.js";

/**
 * `show <rev>`: the revisions an identifier names (several for `heads`, none for `base`),
 * from their headers. Only an identifier counted from the database (`current`, `-1`,
 * `<label>@current`) opens it.
 */
export async function show(input: ConfigInput, identifier: string): Promise<RevisionInfo[]> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  const rows = namesCurrent(identifier) ? await withDatabase(config, (db) => readKnownRows(db, graph)) : [];
  return revisionInfos(graph, graph.resolve(identifier, rows), rows);
}
