import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AccessAnalyzer } from '../../../constructs/security/access-analyzer';

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

describe('AccessAnalyzer', () => {
  test('creates one external access analyzer for the account and no unused access analyzer by default', () => {
    const stack = newStack();
    const analyzer = new AccessAnalyzer(stack, 'AccessAnalyzer');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
    expect(analyzer.unusedAccessAnalyzer).toBeUndefined();
  });

  test('adds an unused access analyzer when asked, reporting after 90 days by default', () => {
    const stack = newStack();
    new AccessAnalyzer(stack, 'AccessAnalyzer', { unusedAccess: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
      Type: 'ACCOUNT_UNUSED_ACCESS',
      AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 90 } },
    });
  });

  test('takes another unused access age', () => {
    const stack = newStack();
    new AccessAnalyzer(stack, 'AccessAnalyzer', { unusedAccess: true, unusedAccessAgeDays: 45 });
    Template.fromStack(stack).hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
      Type: 'ACCOUNT_UNUSED_ACCESS',
      AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 45 } },
    });
  });

  test.each([0, 366, 30.5])('rejects an unused access age of %s days', (days) => {
    expect(() => new AccessAnalyzer(newStack(), 'AccessAnalyzer', { unusedAccess: true, unusedAccessAgeDays: days })).toThrow(
      /unusedAccessAgeDays must be a whole number from 1 to 365 \(received/,
    );
  });

  test('rejects an unused access age without the unused access analyzer', () => {
    expect(() => new AccessAnalyzer(newStack(), 'AccessAnalyzer', { unusedAccessAgeDays: 30 })).toThrow(
      /unusedAccessAgeDays \(received 30\) only applies with unusedAccess true/,
    );
  });
});
