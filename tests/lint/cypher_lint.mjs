// Reads {schema, statements: [{name, text, parameters}]} as JSON on stdin and
// prints, as JSON, every diagnostic Neo4j's linter reports for each statement.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { schema, statements } = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const severityName = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const report = statements.map(({ name, text, parameters }) => {
  const { diagnostics } = lintCypherQuery(text, { ...schema, parameters });
  return {
    name,
    diagnostics: diagnostics.map((d) => ({
      severity: severityName[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range?.start?.line,
      column: d.range?.start?.character,
    })),
  };
});
process.stdout.write(JSON.stringify(report));
