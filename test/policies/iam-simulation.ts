import { runSimulation, type Simulation, type SimulationOrgPolicies } from '@cloud-copilot/iam-simulate';

/**
 * Evaluating the synthesized policies with an IAM policy simulator (@cloud-copilot/iam-simulate,
 * which models identity policies, permission boundaries and resource policies), instead of
 * asserting their text: a security promise holds when the evaluator says so.
 *
 * Templates are resolved the way CloudFormation would resolve them for one account and region:
 * pseudo parameters, references and attributes of the template's resources (physical names from
 * their name properties, else the logical id), joins, substitutions and cross-stack outputs.
 */

/** A CloudFormation template, as synthesized. */
export interface CfnTemplate {
  readonly Resources: Record<string, { readonly Type: string; readonly Properties?: Record<string, any> }>;
  readonly Outputs?: Record<string, { readonly Value: unknown }>;
}

/** The stacks of one account (by stack name) and where each deploys. */
export interface AccountTemplates {
  readonly account: string;
  readonly partition: string;
  readonly stacks: ReadonlyMap<string, { readonly region: string; readonly template: CfnTemplate }>;
}

/** Physical name properties of the resource types the policies reference. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Events::Rule': 'Name',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::Backup::BackupVault': 'BackupVaultName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::DynamoDB::Table': 'TableName',
};

/**
 * The resource's physical name: its name property, else the name CloudFormation generates,
 * `<stack name>-<logical id>-<random suffix>`, cut to the type's length limit (64 for roles and
 * functions, 128 for policies, 255 for tables), lower case for buckets.
 */
function physicalName(
  type: string,
  id: string,
  properties: Record<string, any> | undefined,
  resolve: (v: unknown) => unknown,
  stackName: string,
): string {
  const property = NAME_PROPERTY[type];
  const given = property ? properties?.[property] : undefined;
  if (given !== undefined) return String(resolve(given));
  const generated = `${stackName}-${id}-SIMSUFFIX`;
  if (type === 'AWS::S3::Bucket') return generated.toLowerCase().slice(0, 63);
  return generated.slice(0, type === 'AWS::IAM::ManagedPolicy' ? 128 : type === 'AWS::DynamoDB::Table' ? 255 : 64);
}

/** The ARN of a resource, as `Fn::GetAtt [id, Arn]` would give it. */
function arnOf(type: string, name: string, id: string, ctx: { partition: string; account: string; region: string }): string {
  const { partition: p, account: a, region: r } = ctx;
  switch (type) {
    case 'AWS::IAM::Role':
      return `arn:${p}:iam::${a}:role/${name}`;
    case 'AWS::IAM::ManagedPolicy':
      return `arn:${p}:iam::${a}:policy/${name}`;
    case 'AWS::SNS::Topic':
      return `arn:${p}:sns:${r}:${a}:${name}`;
    case 'AWS::S3::Bucket':
      return `arn:${p}:s3:::${name}`;
    case 'AWS::KMS::Key':
      return `arn:${p}:kms:${r}:${a}:key/${id.toLowerCase()}`;
    case 'AWS::Events::Rule':
      return `arn:${p}:events:${r}:${a}:rule/${name}`;
    case 'AWS::Lambda::Function':
      return `arn:${p}:lambda:${r}:${a}:function:${name}`;
    case 'AWS::Logs::LogGroup':
      return `arn:${p}:logs:${r}:${a}:log-group:${name}:*`;
    case 'AWS::CloudTrail::Trail':
      return `arn:${p}:cloudtrail:${r}:${a}:trail/${name}`;
    case 'AWS::CloudWatch::Alarm':
      return `arn:${p}:cloudwatch:${r}:${a}:alarm:${name}`;
    case 'AWS::Backup::BackupVault':
      return `arn:${p}:backup:${r}:${a}:backup-vault:${name}`;
    case 'AWS::SQS::Queue':
      return `arn:${p}:sqs:${r}:${a}:${name}`;
    case 'AWS::DynamoDB::Table':
      return `arn:${p}:dynamodb:${r}:${a}:table/${name}`;
    default:
      return `arn:${p}:unknown:${r}:${a}:${id}`;
  }
}

/** What `Ref` gives for a resource type: its ARN for policies and topics, else its name or id. */
function refOf(type: string, name: string, id: string, ctx: { partition: string; account: string; region: string }): string {
  if (type === 'AWS::IAM::ManagedPolicy' || type === 'AWS::SNS::Topic' || type === 'AWS::SQS::Queue') return arnOf(type, name, id, ctx);
  if (type === 'AWS::KMS::Key') return id.toLowerCase();
  return name;
}

/** Resolves a value of one stack's template to plain JSON, as CloudFormation would. */
export function resolveIn(templates: AccountTemplates, stackName: string, value: unknown): any {
  const stack = templates.stacks.get(stackName);
  if (!stack) throw new Error(`no stack ${stackName}`);
  const ctx = { partition: templates.partition, account: templates.account, region: stack.region };
  const resources = stack.template.Resources;
  const resolve = (v: unknown): any => {
    if (Array.isArray(v)) return v.map(resolve);
    if (v === null || typeof v !== 'object') return v;
    const node = v as Record<string, any>;
    if ('Ref' in node) {
      const ref = node.Ref as string;
      const pseudo: Record<string, string> = {
        'AWS::Partition': ctx.partition,
        'AWS::AccountId': ctx.account,
        'AWS::Region': ctx.region,
        'AWS::URLSuffix': 'amazonaws.com',
        'AWS::StackName': stackName,
      };
      if (ref in pseudo) return pseudo[ref];
      const resource = resources[ref];
      if (!resource) throw new Error(`${stackName}: Ref to unknown ${ref}`);
      return refOf(resource.Type, physicalName(resource.Type, ref, resource.Properties, resolve, stackName), ref, ctx);
    }
    if ('Fn::GetAtt' in node) {
      const [id, attribute] = node['Fn::GetAtt'] as [string, string];
      const resource = resources[id];
      if (!resource) throw new Error(`${stackName}: GetAtt of unknown ${id}`);
      const name = physicalName(resource.Type, id, resource.Properties, resolve, stackName);
      return attribute === 'Arn' ? arnOf(resource.Type, name, id, ctx) : `${id}.${attribute}`;
    }
    if ('Fn::Join' in node) {
      const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
      return (resolve(parts) as unknown[]).join(separator);
    }
    if ('Fn::Sub' in node) {
      const [text, variables] = (Array.isArray(node['Fn::Sub']) ? node['Fn::Sub'] : [node['Fn::Sub'], {}]) as [
        string,
        Record<string, unknown>,
      ];
      return text.replace(/\$\{([^}]+)\}/g, (_m, key: string) => {
        if (key in variables) return String(resolve(variables[key]));
        const [id, attribute] = key.split('.');
        return String(resolve(attribute ? { 'Fn::GetAtt': [id, attribute] } : { Ref: id }));
      });
    }
    if ('Fn::Select' in node) {
      const [index, list] = node['Fn::Select'] as [number, unknown];
      return (resolve(list) as unknown[])[index];
    }
    if ('Fn::Split' in node) {
      const [separator, text] = node['Fn::Split'] as [string, unknown];
      return String(resolve(text)).split(separator);
    }
    if ('Fn::GetStackOutput' in node) {
      const { StackName, OutputName } = node['Fn::GetStackOutput'] as { StackName: string; OutputName: string };
      const producer = templates.stacks.get(StackName);
      const output = producer?.template.Outputs?.[OutputName];
      if (!output) throw new Error(`${stackName}: no output ${OutputName} of ${StackName}`);
      return resolveIn(templates, StackName, output.Value);
    }
    return Object.fromEntries(Object.entries(node).map(([k, x]) => [k, resolve(x)]));
  };
  return resolve(value);
}

/** A resource of any stack of the account, found by type and a predicate on its resolved properties. */
export function findResource(
  templates: AccountTemplates,
  type: string,
  where: (properties: Record<string, any>, id: string) => boolean,
): { stack: string; id: string; properties: Record<string, any> } {
  for (const [stack, { template }] of templates.stacks) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== type) continue;
      const properties = resolveIn(templates, stack, resource.Properties ?? {});
      if (where(properties, id)) return { stack, id, properties };
    }
  }
  throw new Error(`no ${type} matches`);
}

/** The ARN of a resource of the account (as `Fn::GetAtt [id, Arn]`). */
export function arnIn(templates: AccountTemplates, stack: string, id: string): string {
  return resolveIn(templates, stack, { 'Fn::GetAtt': [id, 'Arn'] });
}

/** AWS managed policies the people roles use, as far as the simulation needs them. */
const AWS_MANAGED_POLICIES: Record<string, unknown> = {
  AdministratorAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/** The identity policies and the permission boundary of a role, resolved. */
export interface PrincipalPolicies {
  readonly roleArn: string;
  readonly identityPolicies: Array<{ name: string; policy: unknown }>;
  readonly boundary?: { name: string; policy: unknown };
}

/** A role of the account by name, with its identity policies and boundary documents. */
export function rolePolicies(templates: AccountTemplates, roleName: string): PrincipalPolicies {
  const role = findResource(templates, 'AWS::IAM::Role', (p) => p.RoleName === roleName);
  const identityPolicies: Array<{ name: string; policy: unknown }> = [];
  for (const arn of (role.properties.ManagedPolicyArns ?? []) as string[]) {
    const awsManaged = /:iam::aws:policy\/(.+)$/.exec(arn)?.[1];
    if (awsManaged) {
      const policy = AWS_MANAGED_POLICIES[awsManaged];
      if (!policy) throw new Error(`${roleName} uses ${awsManaged}, which the simulation does not model`);
      identityPolicies.push({ name: awsManaged, policy });
      continue;
    }
    identityPolicies.push({ name: arn, policy: managedPolicyDocument(templates, arn) });
  }
  for (const inline of (role.properties.Policies ?? []) as Array<{ PolicyName: string; PolicyDocument: unknown }>) {
    identityPolicies.push({ name: inline.PolicyName, policy: inline.PolicyDocument });
  }
  const boundaryArn = role.properties.PermissionsBoundary as string | undefined;
  const roleArn = `arn:${templates.partition}:iam::${templates.account}:role/${roleName}`;
  return {
    roleArn,
    identityPolicies,
    boundary: boundaryArn ? { name: boundaryArn, policy: managedPolicyDocument(templates, boundaryArn) } : undefined,
  };
}

function managedPolicyDocument(templates: AccountTemplates, arn: string): unknown {
  const name = /:policy\/(.+)$/.exec(arn)?.[1];
  for (const [stack, { template }] of templates.stacks) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type === 'AWS::IAM::ManagedPolicy' && arnIn(templates, stack, id).endsWith(`:policy/${name}`)) {
        return resolveIn(templates, stack, resource.Properties?.PolicyDocument);
      }
    }
  }
  throw new Error(`no managed policy ${arn}`);
}

/** One request and what the simulator must answer. */
export interface SimulatedRequest {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** The resource's policy (a bucket, key, topic or vault policy), when the service has one. */
  readonly resourcePolicy?: unknown;
}

/**
 * The simulator's decision: `Allowed`, `ExplicitlyDenied` or `ImplicitlyDenied`.
 *
 * `serviceControlPolicies` are the SCPs of the account's organization, one entry per level (root
 * first, the account last); every level needs AWS's FullAWSAccess too, or everything is
 * implicitly denied. None by default: a standalone account.
 */
export async function decide(
  principal: PrincipalPolicies,
  account: string,
  request: SimulatedRequest,
  serviceControlPolicies: SimulationOrgPolicies[] = [],
): Promise<string> {
  const simulation: Simulation = {
    request: {
      principal: principal.roleArn,
      action: request.action,
      resource: { resource: request.resource, accountId: account },
      contextVariables: request.context ?? {},
    },
    identityPolicies: principal.identityPolicies,
    serviceControlPolicies,
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy,
    permissionBoundaryPolicies: principal.boundary ? [principal.boundary] : undefined,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(`${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}
