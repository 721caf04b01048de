import { Template } from 'aws-cdk-lib/assertions';
import { loadClientConfig } from '../../../lib/core/config/load';
import { buildTestApp, stackOf } from '../../helpers';

/** `client.language: de` reaches the native alarms the manager and the consultant read. */
describe('a German client', () => {
  const example = loadClientConfig('example');
  const app = buildTestApp({ ...example, client: { ...example.client, language: 'de' } });
  const descriptions = (stack: string) =>
    Object.values(Template.fromStack(stackOf(app, stack)).findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties.AlarmDescription as string,
    );

  test('budget and anomaly alarms are described in German', () => {
    const finops = descriptions('Example-Production-FinOps');
    expect(
      finops.some((text) =>
        /^Budget „.+“ \(\d+ USD im Monat\): bisher in diesem Monat ausgegeben sind mindestens \d+ % des Limits\./.test(text),
      ),
    ).toBe(true);
    expect(finops.some((text) => text.startsWith('Die gesamten Tageskosten von '))).toBe(true);
    expect(finops.some((text) => /spent so far|expected by the end of the month|The total daily cost/.test(text))).toBe(false);
  });

  test('the failed-backup and break-glass alarms are described in German', () => {
    // The vault name is a reference, so a description may be an Fn::Join: read it as JSON text.
    const backup = descriptions('Example-Production-Backup').map((text) => (typeof text === 'string' ? text : JSON.stringify(text)));
    expect(backup.some((text) => text.includes('Sicherungs- oder Kopieraufträge des AWS-Backup-Tresors '))).toBe(true);
    expect(backup.some((text) => text.startsWith('Die Notfallrolle für Sicherungen LandingZone-BackupBreakGlass wurde übernommen'))).toBe(
      true,
    );
  });

  test('CIS alarms are described in German, with the runbook link', () => {
    const cis = descriptions('Example-Production-Security').filter((text) => text.startsWith('CIS 4.'));
    expect(cis).toHaveLength(15);
    for (const text of cis) {
      expect(text).toContain('mindestens ein passendes CloudTrail-Ereignis in 5 Minuten');
      expect(text).toContain('#dashboards/dashboard/Example-Production-Operations');
    }
  });

  test('the platform health alarms are in German too: no English alarm text anywhere in the app', () => {
    const stacks = app.node.children.map((child) => child.node.id).filter((id) => id.startsWith('Example-'));
    const all = stacks.flatMap((stack) => descriptions(stack)).map((text) => (typeof text === 'string' ? text : JSON.stringify(text)));
    expect(all.length).toBeGreaterThan(30);
    const english =
      /could not be|read them from the queue|A run of|failed in the last hour|spent so far|is above its usual range|at least one matching/;
    expect(all.filter((text) => english.test(text))).toEqual([]);
    expect(all.some((text) => text.includes('Ein Lauf von cost-collector ist fehlgeschlagen'))).toBe(true);
    expect(all.some((text) => text.includes('sie stehen in der Warteschlange'))).toBe(true);
  });
});
