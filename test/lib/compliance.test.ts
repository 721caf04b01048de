import { Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { buildApp } from '../../lib/app';
import { acknowledge, listAcknowledgements, registerCompliancePacks } from '../../lib/compliance';
import { listClients, loadClientConfig } from '../../lib/config/load';
import { CLIENT_DIRS, newTestApp } from '../helpers';
import { nagFindings as findings } from '../nag';

const clients = CLIENT_DIRS.flatMap((dir) => listClients(dir).map((name) => ({ name, dir })));

const scratchApp = newTestApp;

describe('compliance gate', () => {
  test('registers the five packs', () => {
    const packs = registerCompliancePacks(scratchApp());
    expect(packs.map((pack) => pack.readPackName).sort()).toEqual(['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321', 'Serverless']);
  });

  test.each(clients.map((c) => [c.name, c] as const))('client %s has no unacknowledged finding in any pack', (_name, client) => {
    const app = buildApp(loadClientConfig(client.name, client.dir), scratchApp());
    expect(findings(app)).toEqual([]);
    // The same gate as `cdk synth`: the registered plugins fail synthesis on any finding.
    const assembly = app.synth();
    // Offline by design: nothing may need a context lookup (availability zones, VPCs, AMIs).
    expect(assembly.manifest.missing ?? []).toEqual([]);
  });

  test('fails synthesis on a finding (the gate is live)', () => {
    // given: a compliant client plus one unencrypted topic
    const app = buildApp(loadClientConfig('example'), scratchApp());
    const stack = app.node.children.find((c): c is Stack => c instanceof Stack)!;
    new sns.Topic(stack, 'Unencrypted');

    // then
    expect(findings(app)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AwsSolutions-SNS3 at .*\/Unencrypted\/Resource$/),
        expect.stringMatching(/^NIST\.800\.53\.R5-SNSEncryptedKMS at .*\/Unencrypted\/Resource$/),
      ]),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-SNS3/);
  });

  test('an acknowledgement silences exactly the finding it names', () => {
    const app = scratchApp();
    const stack = new Stack(app, 'Test');
    const topic = new sns.Topic(stack, 'Unencrypted');
    acknowledge(topic, 'NIST.800.53.R5-SNSEncryptedKMS', 'test: unencrypted on purpose to check the acknowledgement mechanism');

    const remaining = findings(app);

    expect(remaining).not.toEqual(expect.arrayContaining([expect.stringMatching(/^NIST\.800\.53\.R5-SNSEncryptedKMS /)]));
    expect(remaining).toEqual(expect.arrayContaining([expect.stringMatching(/^HIPAA\.Security-SNSEncryptedKMS /)]));
  });
});

describe('acknowledgements', () => {
  test.each(clients.map((c) => [c.name, c] as const))('client %s: each names one finding and gives a real reason', (_name, client) => {
    const app = buildApp(loadClientConfig(client.name, client.dir), scratchApp());
    for (const ack of listAcknowledgements(app)) {
      expect(ack.ruleId).toMatch(/^((AwsSolutions|NIST\.800\.53\.R5|HIPAA\.Security|PCI\.DSS\.321|Serverless)-[A-Za-z0-9]+(\[.+\])?|CloudFormation-Validate::[EWF]\d{4})$/);
      expect(ack.reason.length).toBeGreaterThanOrEqual(60);
      // Never stack-wide or app-wide: the narrowest construct.
      expect(ack.path.split('/').length).toBeGreaterThanOrEqual(2);
    }
  });

  test('are listed with the construct they sit on', () => {
    const app = scratchApp();
    const topic = new sns.Topic(new Stack(app, 'Test'), 'Topic');
    acknowledge(topic, 'AwsSolutions-SNS2', 'because of a reason long enough to read');
    expect(listAcknowledgements(app)).toEqual([{ path: 'Test/Topic', ruleId: 'AwsSolutions-SNS2', reason: 'because of a reason long enough to read' }]);
  });
});
