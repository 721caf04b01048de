import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformKey } from '../../../../constructs/foundation/platform-key';
import { AlternateContact, AlternateContacts, AlternateContactsProps } from '../../../../constructs/security/hardening/alternate-contacts';

const SECURITY: AlternateContact = { name: 'Sam Secure', title: 'CISO', email: 'security@acme.example', phone: '+49 (30) 123-4567' };
const BILLING: AlternateContact = { name: 'Bea Bills', title: 'CFO', email: 'billing@acme.example', phone: '+49 30 1234568' };

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function setup(props: AlternateContactsProps, stack = newStack()) {
  const key = new PlatformKey(stack, 'Key');
  const contacts = new AlternateContacts(stack, 'Contacts', { logGroupKey: key.key, ...props });
  return { stack, key, contacts };
}

function call(type: string, contact: AlternateContact) {
  return Match.serializedJson(
    Match.objectEquals({
      service: '@aws-sdk/client-account',
      action: 'PutAlternateContact',
      parameters: {
        AlternateContactType: type,
        Name: contact.name,
        Title: contact.title,
        EmailAddress: contact.email,
        PhoneNumber: contact.phone,
      },
      physicalResourceId: { id: `account-alternate-contact-${type.toLowerCase()}` },
    }),
  );
}

describe('AlternateContacts', () => {
  test('puts each given contact with its own custom resource on create and update, and does nothing on delete', () => {
    const { stack } = setup({ security: SECURITY, billing: BILLING });

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::AWS', 2);
    for (const [type, contact] of [
      ['SECURITY', SECURITY],
      ['BILLING', BILLING],
    ] as const) {
      const put = call(type, contact);
      template.hasResourceProperties('Custom::AWS', { Create: put, Update: put, Delete: Match.absent(), InstallLatestAwsSdk: false });
    }
  });

  test("lets the provider change only this account's contacts of the given types, before the calls", () => {
    // given
    const { stack } = setup({ security: SECURITY, operations: { ...BILLING, email: 'ops@acme.example' } });

    // when
    const template = Template.fromStack(stack);

    // then
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
    const policies = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: {
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: 'account:PutAlternateContact',
              Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':account::123456789012:account']] },
              Condition: { 'ForAnyValue:StringEquals': { 'account:AlternateContactTypes': ['SECURITY', 'OPERATIONS'] } },
            },
          ],
        },
        Roles: [{ Ref: roleId }],
      },
    });
    expect(Object.keys(policies)).toHaveLength(1);
    for (const resource of Object.values(template.findResources('Custom::AWS'))) {
      expect(resource.DependsOn).toContain(Object.keys(policies)[0]);
    }
  });

  test('logs the calls to a retained log group, encrypted and kept a year', () => {
    const { stack, key } = setup({ security: SECURITY });
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { KmsKeyId: stack.resolve(key.key.keyArn), RetentionInDays: 365 },
    });
  });

  test.each([
    ['security', 'phone', { security: { ...SECURITY, phone: undefined } }],
    ['security', 'title', { security: { ...SECURITY, title: undefined } }],
    ['billing', 'phone', { security: SECURITY, billing: { name: 'Bea Bills', email: 'billing@acme.example', title: 'CFO' } }],
    ['operations', 'title', { operations: { name: 'Otto Ops', email: 'ops@acme.example', phone: '+49 30 1' } }],
  ])('rejects the %s contact without a %s, naming both', (type, field, props) => {
    expect(() => setup(props as AlternateContactsProps)).toThrow(
      new RegExp(
        `AlternateContacts Test/Contacts: ${type}\\.${field} is required: AWS rejects a ${type} contact without one; add it to the contact \\(received undefined\\)`,
      ),
    );
  });

  test.each([
    [
      'phone',
      { phone: '+49 30 1234567 ext. 8' },
      /security\.phone must be 1-25 characters of digits, spaces and \+ - \( \), e\.g\. "\+49 30 1234567" \(received "\+49 30 1234567 ext\. 8"\)/,
    ],
    ['phone', { phone: '+49 30 1234 5678 9012 3456 78' }, /security\.phone must be 1-25 characters/],
    ['email', { email: 'not-an-email' }, /security\.email must be an email address of at most 254 characters \(received "not-an-email"\)/],
    ['title', { title: 'x'.repeat(51) }, /security\.title must be 1-50 characters \(received "x{51}"\)/],
    ['name', { name: '' }, /security\.name must be 1-64 characters \(received ""\)/],
  ])('rejects a security contact with an invalid %s', (_field, change, error) => {
    expect(() => setup({ security: { ...SECURITY, ...change } })).toThrow(error);
  });

  test('reports at synth that it needs at least one contact', () => {
    const { stack } = setup({});
    expect(() => Template.fromStack(stack)).toThrow(
      /AlternateContacts Test\/Contacts: give at least one of security, billing or operations \(received none\)/,
    );
  });
});
