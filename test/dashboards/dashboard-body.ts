import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * The body of the stack's only dashboard (or the one whose logical id contains `idPart`), as
 * JSON, with CloudFormation references replaced by stable placeholders (`${Ref}` / `${Id.Attr}` /
 * `${Stack:RefId}` for another stack's output)
 * and hashes in logical ids stripped, so snapshots do not change when unrelated code does.
 */
export function dashboardBody(stack: Stack, idPart = ''): any {
  const dashboards = Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard');
  const [, dashboard] = Object.entries(dashboards).find(([id]) => id.includes(idPart))!;
  const body = dashboard.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : (body['Fn::Join'][1] as unknown[]).map(placeholder).join('');
  return JSON.parse(text);
}

function placeholder(part: unknown): string {
  if (typeof part === 'string') return part;
  const node = part as Record<string, any>;
  const strip = (id: string) => id.replace(/[0-9A-F]{8}$/, '');
  if ('Ref' in node) return `\${${strip(node.Ref)}}`;
  if ('Fn::GetAtt' in node) return `\${${strip(node['Fn::GetAtt'][0])}.${node['Fn::GetAtt'][1]}}`;
  // A weak cross-stack reference: the producing stack and what it publishes (logical id and attribute, hashes stripped).
  if ('Fn::GetStackOutput' in node) {
    const { StackName, OutputName } = node['Fn::GetStackOutput'] as { StackName: string; OutputName: string };
    const hash = /[0-9A-F]{8}(?=[A-Z][a-z]|$)/g;
    return `\${${StackName}:${OutputName.replace(/^PublishOutput/, '')
      .replace(hash, '')
      .replace(hash, '')}}`;
  }
  return '${?}';
}

/** Every [namespace, metricName] a dashboard body reads, from metric arrays and SEARCH expressions. */
export function metricsRead(body: any): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const widget of body.widgets) {
    for (const entry of widget.properties?.metrics ?? []) {
      if (typeof entry[0] === 'string' && typeof entry[1] === 'string' && !entry[0].startsWith('...')) {
        found.push([entry[0], entry[1]]);
      }
      const expression: string | undefined = entry.find?.(
        (e: any) => e && typeof e === 'object' && typeof e.expression === 'string',
      )?.expression;
      const search = expression && /SEARCH\('\{([^,}]+)[^}]*\} MetricName="([^"]+)"/.exec(expression);
      if (search) found.push([search[1], search[2]]);
    }
  }
  return found;
}
