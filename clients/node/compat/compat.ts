/**
 * Compat runner of the Node.js client: plays clients/compat/scenario.json through
 * ScoringGridClient and writes what the server answered (contract: clients/compat/README.md).
 *
 *   npm run --silent compat -- --address http://127.0.0.1:PORT --api-key KEY \
 *       --scenario ../compat/scenario.json --out FILE
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AccountInput,
  AccountPair,
  Interaction,
  ScoringGridClient,
  ScoringGridError,
  toProto3Json,
} from '../src';

/** A proto3 JSON object as read from the scenario. */
type Json = Record<string, any>;

interface Scenario {
  accounts: Json[];
  batches: Json[][];
  queries: { method: string; request?: Json }[];
}

type Query = (client: ScoringGridClient, request: Json) => Promise<unknown>;

/** A proto3 JSON double: a number, or one of "NaN", "Infinity", "-Infinity", or a decimal string. */
function double(value: unknown): number | undefined {
  return value === undefined || value === null ? undefined : Number(value);
}

function interactionFromJson(item: Json): Interaction {
  return {
    eventId: item.eventId ?? '',
    actor: item.actor ?? '',
    target: item.target ?? '',
    kind: item.kind ?? 'INTERACTION_KIND_UNSPECIFIED',
    occurredAt: item.occurredAt ?? '0',
    inReplyTo: item.inReplyTo ?? '',
    value: double(item.value),
    sentiment: double(item.sentiment),
  };
}

function accountFromJson(entry: Json): AccountInput {
  const account: Json = entry.account ?? {};
  return {
    accountId: account.accountId ?? '',
    displayName: account.displayName,
    segment: account.segment,
    topics: account.topics,
  };
}

/** Each query method, called through the client's own API. */
const QUERIES: Record<string, Query> = {
  GetAccount: (c, r) => c.getAccount(r.accountId ?? ''),
  GetAccountScore: (c, r) => c.getAccountScore(r.accountId ?? '', { asOf: r.asOf }),
  GetRelationship: (c, r) => c.getRelationship(r.pair?.accountA ?? '', r.pair?.accountB ?? '', { asOf: r.asOf }),
  BatchGetRelationships: (c, r) =>
    c.batchGetRelationships((r.pairs ?? []).map((p: Json): AccountPair => ({ accountA: p.accountA ?? '', accountB: p.accountB ?? '' })), {
      asOf: r.asOf,
    }),
  GetTopRelationships: (c, r) =>
    c.getTopRelationships(r.accountId ?? '', { direction: r.direction, limit: r.limit, minimumTier: r.minimumTier, asOf: r.asOf }),
  GetResponsiveness: (c, r) => c.getResponsiveness(r.accountId ?? '', { asOf: r.asOf }),
  ListOpenExpectations: (c, r) => c.listOpenExpectations(r.accountId ?? '', { limit: r.limit, asOf: r.asOf }),
};

class CompatFailure extends Error {}

async function run(client: ScoringGridClient, scenario: Scenario): Promise<object> {
  const upserts: unknown[] = [];
  for (const [i, entry] of (scenario.accounts ?? []).entries()) {
    const account = accountFromJson(entry);
    try {
      upserts.push(await client.upsertAccount(account));
    } catch (error) {
      throw new CompatFailure(`accounts[${i}] (${account.accountId}): upsert failed: ${(error as Error).message}`);
    }
  }

  let acks: unknown[];
  try {
    acks = await client.ingestStream((scenario.batches ?? []).map((batch) => batch.map(interactionFromJson)));
  } catch (error) {
    throw new CompatFailure(`batches: IngestStream failed: ${(error as Error).message}`);
  }

  const results: unknown[] = [];
  for (const [i, query] of (scenario.queries ?? []).entries()) {
    const call = QUERIES[query.method];
    if (!call) {
      throw new CompatFailure(`queries[${i}].method: unknown method '${query.method}'`);
    }
    try {
      results.push({ method: query.method, response: await call(client, query.request ?? {}) });
    } catch (error) {
      if (!(error instanceof ScoringGridError)) {
        throw new CompatFailure(`queries[${i}] (${query.method}): ${(error as Error).message}`);
      }
      results.push({ method: query.method, error: { code: error.codeName } });
    }
  }
  return { client: 'node', upserts, acks, results };
}

/**
 * A path given on the command line. `npm run` starts scripts in the package directory; npm
 * records where it was invoked in INIT_CWD, and relative paths are taken from there.
 */
function fromInvocationDir(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

const USAGE = 'usage: compat --address http://127.0.0.1:PORT --api-key KEY --scenario scenario.json --out FILE [--deadline-ms 20000]';

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        address: { type: 'string' },
        'api-key': { type: 'string' },
        scenario: { type: 'string' },
        out: { type: 'string' },
        'deadline-ms': { type: 'string', default: '20000' },
      },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    process.stderr.write(`compat: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  for (const name of ['address', 'api-key', 'scenario', 'out']) {
    if (!values[name]) {
      process.stderr.write(`compat: --${name} is required\n${USAGE}\n`);
      return 2;
    }
  }
  const deadlineMs = Number(values['deadline-ms']);
  if (!(deadlineMs > 0)) {
    process.stderr.write(`compat: --deadline-ms must be a positive number, got '${values['deadline-ms']}'\n`);
    return 2;
  }
  const scenarioFile = fromInvocationDir(values.scenario!);
  const outFile = fromInvocationDir(values.out!);
  const scenario = JSON.parse(fs.readFileSync(scenarioFile, 'utf8')) as Scenario;
  const client = new ScoringGridClient({ address: values.address!, apiKey: values['api-key']!, deadlineMs });
  try {
    const output = (await run(client, scenario)) as { upserts: unknown[]; acks: unknown[]; results: { error?: unknown }[] };
    fs.writeFileSync(outFile, toProto3Json(output, 1) + '\n', 'utf8');
    const errors = output.results.filter((r) => r.error).length;
    process.stdout.write(
      `compat (node): ${output.upserts.length} upserts, ${output.acks.length} acks, ${output.results.length} results (${errors} errors) -> ${outFile}\n`,
    );
    return 0;
  } finally {
    client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`compat: ${error instanceof CompatFailure ? error.message : (error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
