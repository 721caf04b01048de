import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { SDK_TIMEOUTS, sdkClientOptions } from '../../../lambda/shared/sdk-client-options';
import { ROOT } from '../../helpers';

/** A server that accepts every connection and never answers: a hung AWS endpoint. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('sdkClientOptions', () => {
  test('keeps the given options and adds the connection and request timeouts', () => {
    expect(sdkClientOptions({ region: 'eu-west-1', maxAttempts: 1 })).toEqual({
      region: 'eu-west-1',
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
    });
    // well inside the shortest function timeout of the platform (the collector's 300 s, the others' 60 s or more)
    expect(SDK_TIMEOUTS.connectionTimeoutMs + SDK_TIMEOUTS.requestTimeoutMs).toBeLessThan(60_000);
  });

  test('a real SDK client gives up on an endpoint that never answers, with an error that names the timeout', async () => {
    // given: an endpoint that accepts the connection and stays silent
    const server = await silentServer();
    const client = new SSMClient(
      sdkClientOptions(
        {
          region: 'eu-west-1',
          endpoint: server.url,
          maxAttempts: 1,
          credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        },
        { connectionTimeoutMs: 1_000, requestTimeoutMs: 200 },
      ),
    );
    try {
      // when / then
      await expect(client.send(new GetParameterCommand({ Name: 'state' }))).rejects.toMatchObject({
        name: 'TimeoutError',
        message: expect.stringMatching(/timeout/i),
      });
    } finally {
      client.destroy();
      await server.close();
    }
  });

  test('every AWS SDK client of the functions is created with it', () => {
    // given: every function source file
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) sources.push(file);
      }
    };
    walk(path.join(ROOT, 'lambda'));
    // when
    const constructions = sources.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/new ([A-Z]\w*Client)\(([^)]*)/g)].map((match) => ({
        file: path.relative(ROOT, file),
        client: match[1],
        withTimeouts: match[2].startsWith('sdkClientOptions('),
      })),
    );
    // then
    expect(constructions.length).toBeGreaterThanOrEqual(6);
    expect(constructions.filter((c) => !c.withTimeouts)).toEqual([]);
  });
});
