/**
 * Quickstart: ingests a short conversation, then prints a relationship and an account score.
 *
 *   npm run example -- http://127.0.0.1:PORT API_KEY
 *   (or set SCORINGGRID_ADDRESS and SCORINGGRID_API_KEY)
 */

import { randomUUID } from 'node:crypto';
import { ScoringGridClient, ScoringGridError } from '../src';

async function main(): Promise<void> {
  const address = process.argv[2] ?? process.env.SCORINGGRID_ADDRESS;
  const apiKey = process.argv[3] ?? process.env.SCORINGGRID_API_KEY;
  if (!address || !apiKey) {
    throw new Error('usage: quickstart ADDRESS API_KEY (or set SCORINGGRID_ADDRESS and SCORINGGRID_API_KEY)');
  }
  const client = new ScoringGridClient({ address, apiKey, deadlineMs: 5000 });
  try {
    const run = randomUUID().slice(0, 8); // keeps event ids unique per run
    const hour = 3_600_000;
    const start = Date.now() - 6 * hour;
    const ack = await client.ingest([
      { eventId: `${run}-1`, actor: 'maya', target: 'northwind', kind: 'INTERACTION_KIND_FOLLOW', occurredAt: start },
      { eventId: `${run}-2`, actor: 'maya', target: 'northwind', kind: 'INTERACTION_KIND_MENTION', occurredAt: start + hour },
      { eventId: `${run}-3`, actor: 'northwind', target: 'maya', kind: 'INTERACTION_KIND_REPLY', occurredAt: start + 2 * hour, inReplyTo: `${run}-2` },
      { eventId: `${run}-4`, actor: 'maya', target: 'northwind', kind: 'INTERACTION_KIND_CONVERSION', occurredAt: start + 3 * hour, value: 42.5 },
      { eventId: `${run}-5`, actor: 'northwind', target: '', kind: 'INTERACTION_KIND_POST', occurredAt: start + 4 * hour },
    ]);
    console.log(`ingested: ${ack.accepted} accepted, ${ack.duplicates} duplicates, ${ack.rejected.length} rejected`);

    const relationship = await client.getRelationship('maya', 'northwind');
    console.log(
      `maya <-> northwind: strength ${relationship.strength.toFixed(3)}, reciprocity ${relationship.reciprocity.toFixed(3)}, ` +
        `tier for maya ${relationship.tierForA}, maya follows: ${relationship.aFollowsB}`,
    );

    const score = await client.getAccountScore('northwind');
    console.log(
      `northwind: engagement received ${score.engagementReceived.toFixed(3)}, posts ${score.posts}, ` +
        `followers ${score.followers?.followers ?? '0'}, response rate ${score.responsiveness?.responseRate ?? 'n/a'}, ` +
        `economic value ${score.postRates?.economicValue ?? 0}`,
    );
  } catch (error) {
    if (error instanceof ScoringGridError) {
      console.error(`call failed: ${error.codeName}: ${error.details}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
