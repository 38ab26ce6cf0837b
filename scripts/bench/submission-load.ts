/**
 * The load of public submissions, generated in a process of its own: autocannon parsing two dozen
 * connections' answers on the server's own event loop would take a share of the very thread it
 * measures. (Not a worker thread: autocannon answers raw histograms there, for its own pooling.)
 * Started by `runSubmissionLoad`; as a child it reads its task and sends back the result.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface SubmissionLoad {
  origin: string;
  connections: number;
  seconds: number;
  /** One JSON body per demo point; requests take them in turn. */
  bodies: string[];
}

export interface SubmissionLoadResult {
  created: number;
  errors: number;
  addresses: number;
  latencyP50: number;
  latencyP975: number;
}

/** Each request from its own address (a resident each), as the trusted proxy's header says. */
const addressOf = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

async function generate(load: SubmissionLoad): Promise<SubmissionLoadResult> {
  let next = 0;
  const result = await autocannon({
    url: load.origin,
    connections: load.connections,
    duration: load.seconds,
    requests: [{
      method: 'POST',
      path: '/api/demands',
      setupRequest: (request) => {
        const index = next++;
        return {
          ...request,
          headers: { ...request.headers, 'content-type': 'application/json', 'x-forwarded-for': addressOf(index) },
          body: load.bodies[index % load.bodies.length],
        };
      },
    }],
  });
  return {
    created: result['2xx'],
    errors: result.errors + result.timeouts + result.non2xx,
    addresses: next,
    latencyP50: result.latency.p50,
    latencyP975: result.latency.p97_5,
  };
}

/** Runs the load in a child process (under tsx, as the bench itself runs). */
export function runSubmissionLoad(load: SubmissionLoad): Promise<SubmissionLoadResult> {
  const child = fork(fileURLToPath(import.meta.url), ['--generate-load'], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (result) => { resolve(result as SubmissionLoadResult); child.kill(); });
    child.once('error', reject);
    child.once('exit', (code) => { if (code) reject(new Error(`the load generator exited with ${code}`)); });
    child.send(load);
  });
}

if (process.argv.includes('--generate-load')) {
  process.once('message', (load) => {
    void generate(load as SubmissionLoad).then((result) => process.send?.(result));
  });
}
