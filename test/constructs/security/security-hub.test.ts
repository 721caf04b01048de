import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SECURITY_HUB_STANDARDS, SecurityHub, SecurityHubStandard } from '../../../constructs/security/security-hub';

function newStack(region = 'eu-west-1'): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region } });
}

/** The ARN CloudFormation gets for a standard, in `region`. */
function standardArn(region: string, path: string) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:securityhub:${region}::standards/${path}`]] };
}

describe('SECURITY_HUB_STANDARDS', () => {
  test.each([
    [
      'aws-foundational-security-best-practices',
      'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0',
    ],
    ['cis-aws-foundations-benchmark-v3.0.0', 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0'],
    ['nist-800-53-rev5', 'arn:aws:securityhub:eu-west-1::standards/nist-800-53/v/5.0.0'],
    ['pci-dss-v4.0.1', 'arn:aws:securityhub:eu-west-1::standards/pci-dss/v/4.0.1'],
    ['aws-resource-tagging-standard', 'arn:aws:securityhub:eu-west-1::standards/aws-resource-tagging-standard/v/1.0.0'],
  ] as const)('builds the ARN of %s', (id, arn) => {
    expect(SECURITY_HUB_STANDARDS[id].arn('aws', 'eu-west-1')).toBe(arn);
    expect(SECURITY_HUB_STANDARDS[id].description.length).toBeGreaterThan(20);
  });
});

describe('SecurityHub', () => {
  test('enables the hub with consolidated control findings, new controls on and no AWS default standards', () => {
    const stack = newStack();
    new SecurityHub(stack, 'SecurityHub');
    Template.fromStack(stack).hasResourceProperties('AWS::SecurityHub::Hub', {
      EnableDefaultStandards: false,
      ControlFindingGenerator: 'SECURITY_CONTROL',
      AutoEnableControls: true,
    });
  });

  test('keeps the hub, with its findings and their workflow, when it leaves the template or the stack is deleted', () => {
    const stack = newStack();
    new SecurityHub(stack, 'SecurityHub');
    Template.fromStack(stack).hasResource('AWS::SecurityHub::Hub', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test("enables FSBP and CIS v3.0.0 by default, in the stack's region, each after the hub", () => {
    // given
    const stack = newStack('eu-central-1');

    // when
    const securityHub = new SecurityHub(stack, 'SecurityHub');

    // then
    const template = Template.fromStack(stack);
    const hubId = stack.getLogicalId(securityHub.hub as CfnElement);
    template.resourceCountIs('AWS::SecurityHub::Standard', 2);
    for (const path of ['aws-foundational-security-best-practices/v/1.0.0', 'cis-aws-foundations-benchmark/v/3.0.0']) {
      template.hasResource('AWS::SecurityHub::Standard', {
        Properties: { StandardsArn: standardArn('eu-central-1', path) },
        DependsOn: [hubId],
      });
    }
  });

  test('enables exactly the standards asked for', () => {
    // given
    const stack = newStack();
    const standards: SecurityHubStandard[] = ['nist-800-53-rev5', 'pci-dss-v4.0.1', 'aws-resource-tagging-standard'];

    // when
    const securityHub = new SecurityHub(stack, 'SecurityHub', { standards });

    // then
    const arns = Object.values(Template.fromStack(stack).findResources('AWS::SecurityHub::Standard')).map((r) => r.Properties.StandardsArn);
    expect(arns).toEqual([
      standardArn('eu-west-1', 'nist-800-53/v/5.0.0'),
      standardArn('eu-west-1', 'pci-dss/v/4.0.1'),
      standardArn('eu-west-1', 'aws-resource-tagging-standard/v/1.0.0'),
    ]);
    expect(Object.keys(securityHub.standards)).toEqual(standards);
  });

  test('enables the hub alone with an empty list', () => {
    const stack = newStack();
    new SecurityHub(stack, 'SecurityHub', { standards: [] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SecurityHub::Hub', 1);
    template.resourceCountIs('AWS::SecurityHub::Standard', 0);
  });

  test('rejects an unknown standard', () => {
    expect(
      () => new SecurityHub(newStack(), 'SecurityHub', { standards: ['cis-aws-foundations-benchmark-v1.2.0' as SecurityHubStandard] }),
    ).toThrow(
      /standards contains "cis-aws-foundations-benchmark-v1.2.0", which is not supported; allowed: aws-foundational-security-best-practices, /,
    );
  });

  test('rejects a standard listed twice', () => {
    expect(() => new SecurityHub(newStack(), 'SecurityHub', { standards: ['pci-dss-v4.0.1', 'pci-dss-v4.0.1'] })).toThrow(
      /standards lists pci-dss-v4.0.1 more than once \(received pci-dss-v4.0.1, pci-dss-v4.0.1\)/,
    );
  });
});
