// The gentle simulators `npm start` runs for the demo deployments (MODELGATE_SIMULATE=0 turns
// them off): a few events per second, labels a minute later, and for credit a drift in
// debt-to-income and income from the third minute, enough for the default drift rules to open
// an alert within a few minutes.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Database } from '@/server/db/connect';
import { issueSimulatorKey } from './keys';

export const DEMO_SIMULATOR_KEY_NAME = 'demo simulator';

type DemoTraffic = { model: string; environment: string; args: string[] };

const DEMO_TRAFFIC: DemoTraffic[] = [
  {
    model: 'Credit default risk',
    environment: 'prod-eu',
    // Debt-to-income up a quarter (about 0.6 of its reference std) and incomes down 10%: with two
    // undrifted minutes in the 60-minute window, Wasserstein passes 0.1 for debt-to-income within
    // about half a minute of drift, and for income after about two more.
    args: ['--rate', '5', '--latency-ms', '30', '--labels-after', '60', '--scale', 'debt_to_income=1.25', '--scale', 'annual_income=0.9', '--drift-after', '120'],
  },
  { model: 'Iris species', environment: 'prod-us', args: ['--rate', '2', '--latency-ms', '12', '--labels-after', '60'] },
];

export type DemoSimulator = { label: string; key: string; model: string; version: number; args: string[] };

/** Fresh keys for the demo deployments that exist and serve a version; the others are left out. */
export async function prepareDemoSimulators(db: Database): Promise<DemoSimulator[]> {
  const out: DemoSimulator[] = [];
  for (const t of DEMO_TRAFFIC) {
    const issued = await issueSimulatorKey(db, t, DEMO_SIMULATOR_KEY_NAME);
    if (!issued || issued.servingVersion === null) continue;
    out.push({ label: `${issued.modelName} / ${issued.environment}`, key: issued.key, model: issued.modelName, version: issued.servingVersion, args: t.args });
  }
  return out;
}

/** One child process per simulator; the key travels in the environment, not on the command line. */
export function spawnDemoSimulators(simulators: DemoSimulator[], url: string): ChildProcess[] {
  return simulators.map((s) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', 'scripts/simulate.ts', '--url', url, '--model', s.model, '--version', String(s.version), '--report-every', '60', ...s.args],
      { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, MODELGATE_INGESTION_KEY: s.key, MODELGATE_SIMULATOR_PARENT: String(process.pid) } },
    );
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) console.error(`The demo simulator for ${s.label} stopped (exit ${code}); the app keeps running.`);
    });
    return child;
  });
}
