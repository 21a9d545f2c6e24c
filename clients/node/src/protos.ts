/**
 * Loads the ScoringGrid contract (protos/scoringgrid/v1/*.proto and grpc/health/v1/health.proto)
 * at run time with @grpc/proto-loader, from the repository's protos/ directory.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MethodDefinition } from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const PROTO_FILES = [
  'scoringgrid/v1/accounts.proto',
  'scoringgrid/v1/interactions.proto',
  'scoringgrid/v1/ingest.proto',
  'scoringgrid/v1/scores.proto',
  'grpc/health/v1/health.proto',
];

/**
 * How messages are turned into objects: lowerCamelCase names, enums by name, 64-bit integers
 * as decimal strings, scalar defaults filled in. Oneof members and proto3 `optional` fields
 * are present only when set on the wire (no virtual oneof-name properties).
 */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: false,
};

/** Method definitions (path, serializers) of every RPC the client calls. */
export interface ScoringGridMethods {
  ingest: MethodDefinition<object, object>;
  ingestStream: MethodDefinition<object, object>;
  upsertAccount: MethodDefinition<object, object>;
  getAccount: MethodDefinition<object, object>;
  getAccountScore: MethodDefinition<object, object>;
  getRelationship: MethodDefinition<object, object>;
  batchGetRelationships: MethodDefinition<object, object>;
  getTopRelationships: MethodDefinition<object, object>;
  getResponsiveness: MethodDefinition<object, object>;
  listOpenExpectations: MethodDefinition<object, object>;
  healthCheck: MethodDefinition<object, object>;
}

/**
 * Finds the protos/ directory: walks up from this file (dist/src/ in a build) to the first
 * ancestor holding protos/scoringgrid/v1/scores.proto, i.e. the repository root.
 */
export function findProtosDir(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'protos');
    if (fs.existsSync(path.join(candidate, 'scoringgrid', 'v1', 'scores.proto'))) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `protosDir: no protos/scoringgrid/v1/scores.proto found above ${start}; pass the repository's protos/ directory as the protosDir option`,
      );
    }
    dir = parent;
  }
}

const cache = new Map<string, protoLoader.PackageDefinition>();

/** Loads (once per directory) the package definition of the contract. */
export function loadPackageDefinition(protosDir: string = findProtosDir()): protoLoader.PackageDefinition {
  const dir = path.resolve(protosDir);
  let definition = cache.get(dir);
  if (!definition) {
    for (const file of PROTO_FILES) {
      if (!fs.existsSync(path.join(dir, file))) {
        throw new Error(`protosDir: ${path.join(dir, file)} does not exist`);
      }
    }
    definition = protoLoader.loadSync(PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [dir] });
    cache.set(dir, definition);
  }
  return definition;
}

function method(definition: protoLoader.PackageDefinition, service: string, name: string): MethodDefinition<object, object> {
  const serviceDefinition = definition[service] as unknown as Record<string, MethodDefinition<object, object>> | undefined;
  const found = serviceDefinition?.[name];
  if (!found) {
    throw new Error(`protos: ${service}.${name} is not defined by the loaded .proto files`);
  }
  return found;
}

/** The method definitions the client needs, from a loaded package definition. */
export function scoringGridMethods(definition: protoLoader.PackageDefinition): ScoringGridMethods {
  const ingest = 'scoringgrid.v1.IngestService';
  const accounts = 'scoringgrid.v1.AccountService';
  const scores = 'scoringgrid.v1.ScoreService';
  return {
    ingest: method(definition, ingest, 'Ingest'),
    ingestStream: method(definition, ingest, 'IngestStream'),
    upsertAccount: method(definition, accounts, 'UpsertAccount'),
    getAccount: method(definition, accounts, 'GetAccount'),
    getAccountScore: method(definition, scores, 'GetAccountScore'),
    getRelationship: method(definition, scores, 'GetRelationship'),
    batchGetRelationships: method(definition, scores, 'BatchGetRelationships'),
    getTopRelationships: method(definition, scores, 'GetTopRelationships'),
    getResponsiveness: method(definition, scores, 'GetResponsiveness'),
    listOpenExpectations: method(definition, scores, 'ListOpenExpectations'),
    healthCheck: method(definition, 'grpc.health.v1.Health', 'Check'),
  };
}
