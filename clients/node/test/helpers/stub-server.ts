/**
 * A grpc-js server on 127.0.0.1 that plays ScoringGrid with scripted handlers, for tests of
 * client behaviour a real server cannot be made to show on demand (UNAVAILABLE, slowness).
 */

import { Server, ServerCredentials, ServiceDefinition, UntypedHandleCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import { loadPackageDefinition } from '../../src';

export interface StubServer {
  /** "127.0.0.1:PORT". */
  address: string;
  stop(): Promise<void>;
}

/** Handlers by service ("scoringgrid.v1.ScoreService") and method ("GetRelationship"). */
export type StubHandlers = Record<string, Record<string, UntypedHandleCall>>;

export async function startStub(handlers: StubHandlers): Promise<StubServer> {
  const definition = loadPackageDefinition();
  const server = new Server();
  for (const [service, methods] of Object.entries(handlers)) {
    const serviceDefinition = definition[service] as unknown as ServiceDefinition | undefined;
    if (!serviceDefinition) {
      throw new Error(`stub: unknown service ${service}`);
    }
    server.addService(serviceDefinition, methods as UntypedServiceImplementation);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 1000).unref();
      }),
  };
}
