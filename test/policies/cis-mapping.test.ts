import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CIS_MONITORING_CONTROLS } from '../../lib/core/security/cis-controls';
import { parseClientConfig } from '../../lib/core/config/load';
import { CIS_IMPLEMENTATIONS, CisEvidence, renderCisMappingMarkdown } from '../../policies/cis-mapping';
import { buildTestApp, ROOT } from '../helpers';

/** Plain expected values as deep partial matchers: objects like, arrays containing. */
function like(value: unknown): any {
  if (Array.isArray(value)) return Match.arrayWith(value.map(like));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? Match.anyValue() : Match.objectLike(Object.fromEntries(entries.map(([k, v]) => [k, like(v)])));
  }
  return value;
}

/** The SDK calls made by a template's Custom::AWS resources. */
function sdkCalls(template: Template): Array<{ action: string; region?: string; parameters?: Record<string, unknown> }> {
  return Object.values(template.findResources('Custom::AWS')).map((resource) => {
    const create = resource.Properties.Create;
    const json = typeof create === 'string' ? create : joinWithPlaceholders(create['Fn::Join'][1] as unknown[]);
    return JSON.parse(json);
  });
}

function isSubset(expected: unknown, actual: unknown): boolean {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    return (
      !!actual &&
      typeof actual === 'object' &&
      Object.entries(expected).every(([k, v]) => isSubset(v, (actual as Record<string, unknown>)[k]))
    );
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

/** The example client, with the options that are off by default (cost) switched on. */
function exampleWithEverything() {
  const input = parse(fs.readFileSync(path.join(ROOT, 'clients', 'example.yaml'), 'utf8'));
  input.security.cloudTrail = { ...(input.security.cloudTrail ?? {}), s3DataEvents: true };
  return parseClientConfig(JSON.stringify(input), 'example.yaml', 'example');
}

describe('CIS AWS Foundations v3.0.0 mapping', () => {
  const config = exampleWithEverything();
  const app: App = buildTestApp(config);
  const account = config.accounts[0];
  const stacks = app.node.children.filter((c): c is Stack => c instanceof Stack);
  // The account's home-region stacks (security, network, ...), searched together.
  const homeTemplates = stacks.filter((s) => s.region === account.homeRegion).map((s) => Template.fromStack(s));
  const home = {
    hasResourceProperties(type: string, props: unknown): void {
      const matched = homeTemplates.some((t) => {
        try {
          t.hasResourceProperties(type, props);
          return true;
        } catch {
          return false;
        }
      });
      if (!matched) Template.fromStack(stacks.find((s) => s.stackName.endsWith('-Security'))!).hasResourceProperties(type, props);
    },
  };
  const regional = stacks.filter((s) => /-Security-/.test(s.stackName)).map((s) => ({ region: s.region, template: Template.fromStack(s) }));

  test('the example covers every allowed region', () => {
    expect([account.homeRegion, ...regional.map((r) => r.region)].sort()).toEqual([...config.allowedRegions].sort());
  });

  function check(evidence: CisEvidence): void {
    switch (evidence.kind) {
      case 'resource':
        home.hasResourceProperties(evidence.type, like(evidence.properties ?? {}));
        if (evidence.everyRegion)
          for (const r of regional) r.template.hasResourceProperties(evidence.type, like(evidence.properties ?? {}));
        return;
      case 'configRule': {
        const match = { Source: { Owner: 'AWS', SourceIdentifier: evidence.identifier } };
        home.hasResourceProperties('AWS::Config::ConfigRule', match);
        if (evidence.everyRegion) for (const r of regional) r.template.hasResourceProperties('AWS::Config::ConfigRule', match);
        return;
      }
      case 'accountSetting': {
        const calls = homeTemplates
          .flatMap(sdkCalls)
          .filter((call) => call.action === evidence.action && isSubset(evidence.parameters ?? {}, call.parameters ?? {}));
        expect(calls.length).toBeGreaterThan(0);
        if (evidence.everyRegion) {
          expect(calls.map((call) => call.region).sort()).toEqual([...config.allowedRegions].sort());
        }
        return;
      }
      case 'cisAlarm': {
        const control = CIS_MONITORING_CONTROLS.find((c) => c.cisId === evidence.cisId)!;
        home.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: control.filterPattern });
        home.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: control.metricName, AlarmActions: Match.anyValue() });
        return;
      }
    }
  }

  test.each(CIS_IMPLEMENTATIONS.map((row) => [row.cisId, row.title, row] as const))(
    'CIS %s (%s) is in the templates',
    (_id, _title, row) => {
      expect(row.evidence.length).toBeGreaterThan(0);
      for (const evidence of row.evidence) check(evidence);
    },
  );

  test('covers every section 4 control and names each recommendation once', () => {
    const ids = CIS_IMPLEMENTATIONS.map((row) => row.cisId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const control of CIS_MONITORING_CONTROLS) expect(ids).toContain(control.cisId);
  });

  test('docs/cis-mapping.md is generated from the same table (run `npm run docs` if not)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'cis-mapping.md'), 'utf8')).toBe(renderCisMappingMarkdown());
  });
});

/** A Custom::AWS payload with its CloudFormation references replaced, inside or outside strings. */
function joinWithPlaceholders(parts: unknown[]): string {
  const joined = (placeholder: string) => parts.map((part) => (typeof part === 'string' ? part : placeholder)).join('');
  try {
    return JSON.stringify(JSON.parse(joined('TOKEN')));
  } catch {
    return joined('"TOKEN"');
  }
}
