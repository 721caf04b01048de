import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { loadPortfolioSinks } from '../../../lib/core/config/consultant-schema';
import { buildGatedApp } from '../../../lib/app/app';
import { registerCompliancePacks } from '../../../lib/app/compliance';
import { acknowledge, listAcknowledgements } from '../../../constructs/shared/compliance';
import { listClients, loadClientConfig } from '../../../lib/core/config/load';
import { CLIENT_DIRS, newTestApp, withCloudFormationValidation } from '../../helpers';
import { nagFindings as findings } from '../../nag';

/**
 * The gate, once per client: every client file of `clients/` and every fixture client is built as
 * `cdk synth` builds it (the five cdk-nag packs registered) and synthesized once with aws-cdk-lib's
 * CloudFormation validation on. Whatever clients exist: a consultant's own clients are checked like
 * the example. (cfn-lint checks the same templates in `npm run lint:templates`.)
 */
const clients = CLIENT_DIRS.flatMap((dir) => listClients(dir).map((name) => ({ name, dir })));

describe.each(clients)('client $name', (client) => {
  let app: App;
  let synthError: unknown;
  let missingContext: unknown[] = [];

  beforeAll(() => {
    const config = loadClientConfig(client.name, client.dir);
    app = buildGatedApp(config, newTestApp(), { portfolioSinks: loadPortfolioSinks(config, client.dir) });
    try {
      const assembly = withCloudFormationValidation(() => app.synth());
      missingContext = assembly.manifest.missing ?? [];
    } catch (error) {
      synthError = error;
    }
  });

  test('synthesizes through the five cdk-nag packs and CloudFormation validation without a finding', () => {
    // The packs' findings as readable lines first (the synth error only says "Validation failed").
    if (synthError) expect(findings(app)).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  test('needs no context lookup (offline by design: no availability zones, VPCs or AMIs looked up)', () => {
    expect(synthError).toBeUndefined();
    expect(missingContext).toEqual([]);
  });

  test('each acknowledgement names one finding on a construct below the stack and gives a real reason', () => {
    const acknowledgements = listAcknowledgements(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.ruleId).toMatch(
        /^((AwsSolutions|NIST\.800\.53\.R5|HIPAA\.Security|PCI\.DSS\.321|Serverless)-[A-Za-z0-9]+(\[.+\])?|CloudFormation-Validate::[EWF]\d{4})$/,
      );
      expect(ack.reason.length).toBeGreaterThanOrEqual(60);
      // Never app-wide or stack-wide: the narrowest construct.
      expect(ack.path.split('/').length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('compliance gate', () => {
  test('the per-client synth above really validates templates: a schema error fails it, which the other tests let through', () => {
    // given: a queue with a property of the wrong type and an unknown one
    const appWithInvalidQueue = () => {
      const app = newTestApp();
      new CfnResource(new Stack(app, 'Invalid'), 'Queue', {
        type: 'AWS::SQS::Queue',
        properties: { VisibilityTimeout: 'soon', NoSuchProperty: 1 },
      });
      return app;
    };

    // then
    expect(() => appWithInvalidQueue().synth()).not.toThrow();
    expect(() => withCloudFormationValidation(() => appWithInvalidQueue().synth())).toThrow(/Validation failed|NoSuchProperty|E3002|E3012/);
  });

  test('registers the five packs', () => {
    const packs = registerCompliancePacks(newTestApp());
    expect(packs.map((pack) => pack.readPackName).sort()).toEqual([
      'AwsSolutions',
      'HIPAA.Security',
      'NIST.800.53.R5',
      'PCI.DSS.321',
      'Serverless',
    ]);
  });

  test('fails synthesis on a finding (the gate that cdk synth runs is live)', () => {
    // given: a compliant client, built as `cdk synth` builds it, plus one unencrypted topic
    const allOff = clients.find((c) => c.name === 'all-off')!;
    const app = buildGatedApp(loadClientConfig(allOff.name, allOff.dir), newTestApp());
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
    const app = newTestApp();
    const stack = new Stack(app, 'Test');
    const topic = new sns.Topic(stack, 'Unencrypted');
    acknowledge(topic, 'NIST.800.53.R5-SNSEncryptedKMS', 'test: unencrypted on purpose to check the acknowledgement mechanism');

    const remaining = findings(app);

    expect(remaining).not.toEqual(expect.arrayContaining([expect.stringMatching(/^NIST\.800\.53\.R5-SNSEncryptedKMS /)]));
    expect(remaining).toEqual(expect.arrayContaining([expect.stringMatching(/^HIPAA\.Security-SNSEncryptedKMS /)]));
  });

  test('acknowledgements are listed with the construct they sit on', () => {
    const app = newTestApp();
    const topic = new sns.Topic(new Stack(app, 'Test'), 'Topic');
    acknowledge(topic, 'AwsSolutions-SNS2', 'because of a reason long enough to read');
    expect(listAcknowledgements(app)).toEqual([
      { path: 'Test/Topic', ruleId: 'AwsSolutions-SNS2', reason: 'because of a reason long enough to read' },
    ]);
  });
});
