/**
 * The hub in a process of its own for the sync benchmark (sync.bench.ts): as in production its
 * work runs beside the workstation's, not in turn with it. Prints `url <base url>`, then answers
 * each `code [clinic id]` line on stdin with `code <enrollment code>` and each `cpu` line with
 * `cpu <seconds of CPU used so far>`; `quit` stops it.
 */
import { createInterface } from 'node:readline';
import { createHub, listen } from '../../hub/app';
import { silentHubLogger } from '../../hub/context';
import { createEnrollmentCode } from '../../hub/sync/enroll';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hubProcess.ts <data dir>');
const hub = await createHub({ dataDir, log: silentHubLogger });
process.stdout.write(`url ${await listen(hub, 0)}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const [command, clinicId] = line.trim().split(/\s+/);
  if (command === 'code') process.stdout.write(`code ${await createEnrollmentCode(hub.hub, { clinicId: clinicId ?? null })}\n`);
  if (command === 'cpu') {
    const used = process.cpuUsage();
    process.stdout.write(`cpu ${(used.user + used.system) / 1e6}\n`);
  }
  if (command === 'quit') break;
}
await hub.close();
process.exit(0);
