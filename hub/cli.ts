import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHub, HUB_DB_FILE, listen } from './app';
import { readHubConfig } from './config';
import { createEnrollmentCode } from './sync/enroll';
import { startNewEpoch } from './sync/epoch';

/**
 * `npm run hub -- [serve|enroll|backup|restore|clients]`:
 *   serve            run the hub (sync for workstations, pages for patients);
 *                    --demo-eid offers patients a simulated MitID step (demo only)
 *   enroll           print a one-time code: founds a new clinic, or joins --clinic <id>
 *   backup <file>    copy the hub's database consistently (online)
 *   restore <file>   put a backup back, with a new epoch (workstations resync and re-push)
 *   clients          list enrolled workstations
 */
async function main(): Promise<void> {
  const config = readHubConfig(process.argv.slice(2), process.env);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (config.command === 'restore') {
    const [from] = config.rest;
    if (!from) throw new Error('restore needs the backup file');
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(config.dataDir, HUB_DB_FILE + suffix), { force: true });
    copyFileSync(from, join(config.dataDir, HUB_DB_FILE));
  }
  const h = await createHub({
    dataDir: config.dataDir,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    // the delivery worker starts only when `serve` listens
    notify: { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, smsUrl: config.smsUrl, smsKey: config.smsKey },
    demo: config.demo,
    patient: { demoEid: config.demoEid },
  });
  const { hub } = h;
  switch (config.command) {
    case 'enroll': {
      const code = await createEnrollmentCode(hub, { clinicId: config.clinic ?? null, ttlHours: config.ttlHours });
      out(config.clinic ? `Join code for clinic ${config.clinic} (valid ${config.ttlHours} h): ${code}` : `Code that founds a new clinic (valid ${config.ttlHours} h): ${code}`);
      return h.close();
    }
    case 'backup': {
      const [to] = config.rest;
      if (!to) throw new Error('backup needs a target file');
      await h.close();
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(join(config.dataDir, HUB_DB_FILE), { readonly: true });
      await db.backup(to);
      db.close();
      out(`Backup written to ${to}`);
      return;
    }
    case 'restore': {
      const epoch = await startNewEpoch(hub.store.db);
      out(`Restored. New epoch ${epoch}: workstations will resync and send again what this backup lacks.`);
      return h.close();
    }
    case 'clients': {
      const rows = await hub.store.db.selectFrom('sync_client').selectAll().orderBy('created_at').execute();
      for (const r of rows) out(`${r.client_id}  clinic ${r.clinic_id}  last applied ${r.last_applied}  ${r.label ?? ''}${r.revoked_at ? '  (revoked)' : ''}`);
      return h.close();
    }
    case 'serve': {
      const url = await listen(h, config.port, config.host);
      out(`Portal hub listening at ${url}`);
      if (config.bootstrap) {
        const enrolled = await hub.store.db.selectFrom('sync_client').select('client_id').limit(1).executeTakeFirst();
        // always a line, so the embedded demo knows when the answer is complete (main/sync/embedded.ts)
        out(enrolled ? 'No bootstrap code: a workstation is enrolled already' : `Bootstrap code: ${await createEnrollmentCode(hub, { ttlHours: config.ttlHours })}`);
      }
      // after the bootstrap line: the embedded demo reads the first two lines
      if (config.demoEid) out('DEMO eID is on: patients can register with a simulated MitID step. Never use this with real patients.');
      if (h.notify.drop) out(`No mail server configured (demo): email and SMS go to ${h.notify.drop.dir}, listed at ${url}/dev/mail on this computer`);
      const stop = () => void h.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Portal hub: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
