import { Stack } from 'aws-cdk-lib';
import { listClients, loadClientConfig } from '../../lib/core/config/load';
import { logArchiveBucketName } from '../../lib/core/naming';
import { buildTestApp, CLIENT_DIRS } from '../helpers';
import {
  type AccountTemplates,
  arnIn,
  type CfnTemplate,
  decide,
  findResource,
  rolePolicies,
  type SimulatedRequest,
} from './iam-simulation';

/**
 * What decision 004 and the README promise of the `<client>-baseline-protection` boundary, proven
 * with an IAM policy simulator on the synthesized templates of every client and fixture that has
 * the administrator role: each attack on the baseline evaluates to an explicit Deny for
 * `LandingZone-Administrator` (AdministratorAccess plus the boundary), and the work an
 * administrator is there for evaluates to Allow, so the test cannot pass by denying everything.
 */

interface Row extends SimulatedRequest {
  readonly what: string;
}

/** The templates of each account of a client, resolved per account. */
function accountsOf(client: {
  name: string;
  dir: string;
}): Array<{ account: string; home: string; templates: AccountTemplates; config: ReturnType<typeof loadClientConfig> }> {
  const config = loadClientConfig(client.name, client.dir);
  const app = buildTestApp(config);
  const assembly = app.synth();
  const stacks = app.node.children.filter((c): c is Stack => c instanceof Stack);
  return config.accounts.map((account) => ({
    account: account.id,
    home: account.homeRegion,
    config,
    templates: {
      account: account.id,
      partition: 'aws',
      stacks: new Map(
        stacks
          .filter((stack) => stack.account === account.id)
          .map((stack) => [
            stack.stackName,
            { region: stack.region, template: assembly.getStackArtifact(stack.artifactId).template as CfnTemplate },
          ]),
      ),
    },
  }));
}

const clients = CLIENT_DIRS.flatMap((dir) => listClients(dir).map((name) => ({ name, dir })))
  .map((client) => ({ client, config: loadClientConfig(client.name, client.dir) }))
  // Organization mode's wall is the guardrail SCPs, simulated in organization-guardrails-simulation.test.ts.
  .filter(({ config }) => !config.organization)
  // The rows on the other regions' forwarders need a second region; a single-region client's
  // boundary is the same document with fewer alert-path resources.
  .filter(({ config }) => config.allowedRegions.length > 1)
  .filter(({ config }) => config.security.enabled && config.security.iam.enabled && config.security.iam.administrator)
  .map(({ client }) => client);

describe.each(clients)('the administrator of client $name', (client) => {
  const accounts = accountsOf(client);

  describe.each(accounts.map((a) => [a.account, a] as const))('in account %s', (_id, { account, home, templates, config }) => {
    const admin = rolePolicies(templates, 'LandingZone-Administrator');
    const p = templates.partition;
    const outside = 'us-east-1';
    const inRegion = (region: string) => ({ 'aws:RequestedRegion': region });
    const home_ = inRegion(home);

    const trail = findResource(templates, 'AWS::CloudTrail::Trail', () => true);
    const trailArn = arnIn(templates, trail.stack, trail.id);
    const logBucket = `arn:${p}:s3:::${logArchiveBucketName(config.accounts.find((a) => a.id === account)!)}`;
    const foundation = [...templates.stacks.keys()].find((name) => name.endsWith('-Foundation'))!;
    const platformKey = findResource(templates, 'AWS::KMS::Key', (_p, id) => id.startsWith('PlatformKey'));
    const platformKeyArn = arnIn(templates, platformKey.stack, platformKey.id);
    const archiveKey = findResource(templates, 'AWS::KMS::Key', (_p, id) => id.startsWith('LogArchiveKey'));
    const archiveKeyArn = arnIn(templates, archiveKey.stack, archiveKey.id);
    const securityTopic = findResource(templates, 'AWS::SNS::Topic', (_p, id) => id.startsWith('SecurityAlerts'));
    const securityTopicArn = arnIn(templates, securityTopic.stack, securityTopic.id);
    const boundaryArn = admin.boundary!.name;
    const vault = config.backup.enabled ? `arn:${p}:backup:${home}:${account}:backup-vault:${config.client.name}-backup` : undefined;
    const vaultKeyAlias = config.backup.enabled ? `arn:${p}:kms:${home}:${account}:alias/backup/${config.client.name}-backup` : undefined;
    // A platform function with rights the administrator must not borrow: the provider of the
    // account hardening (AwsCustomResource), with its role and that role's managed policy.
    const hardening = findResource(templates, 'AWS::Lambda::Function', (_p, id) => id.startsWith('AWS679f53fac002430cb0da5b7982bd2287'));
    const hardeningArn = arnIn(templates, hardening.stack, hardening.id);
    const hardeningRoleArn = hardening.properties.Role as string;
    // Its rights come from customer managed policies that name the role (one per hardening setting).
    const hardeningRoleName = hardeningRoleArn.split('/').pop()!;
    const hardeningPolicy = findResource(templates, 'AWS::IAM::ManagedPolicy', (props) =>
      ((props.Roles ?? []) as string[]).includes(hardeningRoleName),
    );
    const platformPolicyArn = arnIn(templates, hardeningPolicy.stack, hardeningPolicy.id);
    const user = `arn:${p}:iam::${account}:user/intruder`;
    // A user and a group from before the landing zone.
    const legacyUser = `arn:${p}:iam::${account}:user/legacy-deploy`;
    const legacyGroup = `arn:${p}:iam::${account}:group/admins`;
    // The alert path: a finding rule, the forwarder of another region, a CIS alarm, the trail's
    // log group with the CIS metric filters, and the Config role.
    const arnOfFirst = (type: string, idPrefix: string) => {
      const found = findResource(templates, type, (_p, id) => id.startsWith(idPrefix));
      return arnIn(templates, found.stack, found.id);
    };
    const findingRuleArn = arnOfFirst('AWS::Events::Rule', 'FindingAlertsGuardDutyFindings');
    const forwarderRuleArn = arnOfFirst('AWS::Events::Rule', 'FindingForwarder');
    // Hand triage stays allowed; these rules make it visible, so they are protected like the others.
    const triageRuleArn = arnOfFirst('AWS::Events::Rule', 'FindingTriageAlertsRule');
    const triageForwarderArn = arnOfFirst('AWS::Events::Rule', 'FindingForwarderTriageCalls');
    // The other regions' forwarder alarm and the home rule that relays it.
    const forwarderAlarmArn = arnOfFirst('AWS::CloudWatch::Alarm', 'FindingForwarderUndeliveredAlarm');
    const alarmRelayArn = arnOfFirst('AWS::Events::Rule', 'ForwardedAlarmAlertsRule');
    // The alert notifier (foundation stack) and its memory of alerted findings.
    const notifierArn = arnOfFirst('AWS::Lambda::Function', 'AlertNotifierFunction');
    const notifierTableArn = arnOfFirst('AWS::DynamoDB::Table', 'AlertNotifierAlertedFindings');
    const cisAlarmArn = arnOfFirst('AWS::CloudWatch::Alarm', 'CisAlarmsRootAccountUsage');
    // `GetAtt Arn` of a log group ends in `:*`; IAM names the log group without it.
    const trailLogGroupArn = arnOfFirst('AWS::Logs::LogGroup', 'AuditTrailLogGroup').replace(/:\*$/, '');
    const configRoleArn = arnOfFirst('AWS::IAM::Role', 'RegionalBaselineConfigRole');
    // The deploy role (security.iam.deployer): AdministratorAccess without the boundary.
    const deployerArn = `arn:${p}:iam::${account}:role/LandingZone-Deployer`;
    const deployerTrust = config.security.iam.deployer
      ? findResource(templates, 'AWS::IAM::Role', (props) => props.RoleName === 'LandingZone-Deployer').properties.AssumeRolePolicyDocument
      : undefined;

    const attacks: Row[] = [
      { what: 'stop the trail', action: 'cloudtrail:StopLogging', resource: trailArn, context: home_ },
      { what: 'delete the trail', action: 'cloudtrail:DeleteTrail', resource: trailArn, context: home_ },
      { what: 'stop recording events', action: 'cloudtrail:PutEventSelectors', resource: trailArn, context: home_ },
      { what: 'change the trail', action: 'cloudtrail:UpdateTrail', resource: trailArn, context: home_ },
      { what: "open the log bucket's policy", action: 's3:PutBucketPolicy', resource: logBucket, context: home_ },
      { what: 'delete a log object', action: 's3:DeleteObject', resource: `${logBucket}/AWSLogs/${account}/x.json.gz`, context: home_ },
      { what: 'shorten the log lifecycle', action: 's3:PutLifecycleConfiguration', resource: logBucket, context: home_ },
      {
        what: 'bypass the log object lock',
        action: 's3:BypassGovernanceRetention',
        resource: `${logBucket}/AWSLogs/${account}/x.json.gz`,
        context: home_,
      },
      { what: 'delete the log bucket', action: 's3:DeleteBucket', resource: logBucket, context: home_ },
      { what: 'schedule the platform key for deletion', action: 'kms:ScheduleKeyDeletion', resource: platformKeyArn, context: home_ },
      { what: 'disable the log archive key', action: 'kms:DisableKey', resource: archiveKeyArn, context: home_ },
      { what: "replace the platform key's policy", action: 'kms:PutKeyPolicy', resource: platformKeyArn, context: home_ },
      { what: 'stop key rotation', action: 'kms:DisableKeyRotation', resource: archiveKeyArn, context: home_ },
      { what: 'stop AWS Config', action: 'config:StopConfigurationRecorder', resource: '*', context: home_ },
      { what: 'delete the Config delivery channel', action: 'config:DeleteDeliveryChannel', resource: '*', context: home_ },
      {
        what: 'delete the GuardDuty detector',
        action: 'guardduty:DeleteDetector',
        resource: `arn:${p}:guardduty:${home}:${account}:detector/d1`,
        context: home_,
      },
      {
        what: 'archive findings automatically with a GuardDuty filter',
        action: 'guardduty:CreateFilter',
        resource: `arn:${p}:guardduty:${home}:${account}:detector/d1/filter/mute`,
        context: home_,
      },
      {
        what: 'disable Security Hub',
        action: 'securityhub:DisableSecurityHub',
        resource: `arn:${p}:securityhub:${home}:${account}:hub/default`,
        context: home_,
      },
      {
        what: 'delete the access analyzer',
        action: 'access-analyzer:DeleteAnalyzer',
        resource: `arn:${p}:access-analyzer:${home}:${account}:analyzer/a1`,
        context: home_,
      },
      { what: 'create an IAM user', action: 'iam:CreateUser', resource: user },
      { what: 'create an access key', action: 'iam:CreateAccessKey', resource: user },
      { what: 'create a console password', action: 'iam:CreateLoginProfile', resource: user },
      { what: 'create a role without the boundary', action: 'iam:CreateRole', resource: `arn:${p}:iam::${account}:role/escape` },
      { what: 'remove its own boundary', action: 'iam:DeleteRolePermissionsBoundary', resource: admin.roleArn },
      { what: 'rewrite the boundary', action: 'iam:CreatePolicyVersion', resource: boundaryArn },
      { what: 'make another boundary version the default', action: 'iam:SetDefaultPolicyVersion', resource: boundaryArn },
      { what: 'weaken the password policy', action: 'iam:UpdateAccountPasswordPolicy', resource: '*' },
      { what: 'switch off account-level S3 Block Public Access', action: 's3:PutAccountPublicAccessBlock', resource: '*' },
      { what: 'switch off EBS encryption by default', action: 'ec2:DisableEbsEncryptionByDefault', resource: '*', context: home_ },
      { what: 'allow IMDSv1 again', action: 'ec2:ModifyInstanceMetadataDefaults', resource: '*', context: home_ },
      { what: 'delete the security alert topic', action: 'sns:DeleteTopic', resource: securityTopicArn, context: home_ },
      { what: 'change the security alert topic', action: 'sns:SetTopicAttributes', resource: securityTopicArn, context: home_ },
      { what: "rewrite a platform role's policy (a new default version)", action: 'iam:CreatePolicyVersion', resource: platformPolicyArn },
      {
        what: 'make an older version of a platform policy the default',
        action: 'iam:SetDefaultPolicyVersion',
        resource: platformPolicyArn,
      },
      { what: 'trust another principal with a platform role', action: 'iam:UpdateAssumeRolePolicy', resource: hardeningRoleArn },
      {
        what: 'add a backdoor trust to a people role',
        action: 'iam:UpdateAssumeRolePolicy',
        resource: `arn:${p}:iam::${account}:role/LandingZone-Auditor`,
      },
      { what: 'pass a platform role to a function of its own', action: 'iam:PassRole', resource: hardeningRoleArn },
      { what: "replace the hardening function's code", action: 'lambda:UpdateFunctionCode', resource: hardeningArn, context: home_ },
      {
        what: "change the hardening function's configuration",
        action: 'lambda:UpdateFunctionConfiguration',
        resource: hardeningArn,
        context: home_,
      },
      {
        what: 'invoke the hardening function with a made-up event',
        action: 'lambda:InvokeFunction',
        resource: hardeningArn,
        context: home_,
      },
      { what: 'open the hardening function to another principal', action: 'lambda:AddPermission', resource: hardeningArn, context: home_ },
      { what: 'delete a platform role', action: 'iam:DeleteRole', resource: hardeningRoleArn },
      {
        what: 'unsubscribe the security alert recipients',
        action: 'sns:Unsubscribe',
        resource: securityTopicArn,
        context: home_,
      },
      {
        what: 'filter every alert out of a subscription',
        action: 'sns:SetSubscriptionAttributes',
        resource: securityTopicArn,
        context: home_,
      },
      {
        what: 'grant itself the use of the platform key',
        action: 'kms:CreateGrant',
        resource: platformKeyArn,
        context: { ...home_, 'kms:GrantIsForAWSResource': 'false' },
      },
      {
        what: 'forge a log object in the archive',
        action: 's3:PutObject',
        resource: `${logBucket}/AWSLogs/${account}/x.json.gz`,
        context: home_,
      },
      { what: 'disable the GuardDuty finding rule', action: 'events:DisableRule', resource: findingRuleArn, context: home_ },
      { what: "remove the finding rule's alert target", action: 'events:RemoveTargets', resource: findingRuleArn, context: home_ },
      { what: 'rewrite the finding rule to match nothing', action: 'events:PutRule', resource: findingRuleArn, context: home_ },
      {
        what: "delete another region's finding forwarder",
        action: 'events:DeleteRule',
        resource: forwarderRuleArn,
        context: inRegion(forwarderRuleArn.split(':')[3]),
      },
      { what: 'disable the finding triage notices', action: 'events:DisableRule', resource: triageRuleArn, context: home_ },
      {
        what: "remove the triage forwarder's target in another region",
        action: 'events:RemoveTargets',
        resource: triageForwarderArn,
        context: inRegion(triageForwarderArn.split(':')[3]),
      },
      {
        what: "delete another region's forwarder alarm",
        action: 'cloudwatch:DeleteAlarms',
        resource: forwarderAlarmArn,
        context: inRegion(forwarderAlarmArn.split(':')[3]),
      },
      { what: "stop relaying the other regions' alarms", action: 'events:DisableRule', resource: alarmRelayArn, context: home_ },
      { what: 'invoke the alert notifier with a forged event', action: 'lambda:InvokeFunction', resource: notifierArn, context: home_ },
      { what: "replace the alert notifier's code", action: 'lambda:UpdateFunctionCode', resource: notifierArn, context: home_ },
      {
        what: 'mark a finding as already alerted in the notifier memory',
        action: 'dynamodb:PutItem',
        resource: notifierTableArn,
        context: home_,
      },
      { what: "delete the notifier's memory table", action: 'dynamodb:DeleteTable', resource: notifierTableArn, context: home_ },
      { what: 'delete the root-use CIS alarm', action: 'cloudwatch:DeleteAlarms', resource: cisAlarmArn, context: home_ },
      { what: 'silence the root-use CIS alarm', action: 'cloudwatch:DisableAlarmActions', resource: cisAlarmArn, context: home_ },
      { what: 'rewrite the root-use CIS alarm', action: 'cloudwatch:PutMetricAlarm', resource: cisAlarmArn, context: home_ },
      { what: "delete the trail's log group", action: 'logs:DeleteLogGroup', resource: trailLogGroupArn, context: home_ },
      { what: 'delete a CIS metric filter', action: 'logs:DeleteMetricFilter', resource: trailLogGroupArn, context: home_ },
      { what: 'rewrite a CIS metric filter', action: 'logs:PutMetricFilter', resource: trailLogGroupArn, context: home_ },
      { what: "shorten the trail log group's retention", action: 'logs:PutRetentionPolicy', resource: trailLogGroupArn, context: home_ },
      {
        what: "delete the trail log group's events",
        action: 'logs:DeleteLogStream',
        resource: `${trailLogGroupArn}:log-stream:${account}_CloudTrail_${home}`,
        context: home_,
      },
      { what: 'delete the AWS Config role', action: 'iam:DeleteRole', resource: configRoleArn },
      { what: "detach the AWS Config role's policy", action: 'iam:DetachRolePolicy', resource: configRoleArn },
      { what: 'add a deny-all inline policy to the AWS Config role', action: 'iam:PutRolePolicy', resource: configRoleArn },
      { what: 'give a legacy IAM user administrator rights', action: 'iam:AttachUserPolicy', resource: legacyUser },
      { what: 'write an inline policy for a legacy IAM user', action: 'iam:PutUserPolicy', resource: legacyUser },
      { what: "reset a legacy IAM user's console password", action: 'iam:UpdateLoginProfile', resource: legacyUser },
      { what: "reactivate a legacy IAM user's access key", action: 'iam:UpdateAccessKey', resource: legacyUser },
      { what: 'add a legacy IAM user to an administrators group', action: 'iam:AddUserToGroup', resource: legacyGroup },
      { what: 'give a group administrator rights', action: 'iam:AttachGroupPolicy', resource: legacyGroup },
      {
        what: 'point default EBS encryption at a key it could delete',
        action: 'ec2:ModifyEbsDefaultKmsKeyId',
        resource: '*',
        context: home_,
      },
      {
        what: "put a Config rule over one of the baseline's",
        action: 'config:PutConfigRule',
        resource: `arn:${p}:config:${home}:${account}:config-rule/config-rule-abc123`,
        context: home_,
      },
      { what: "shorten AWS Config's retention", action: 'config:PutRetentionConfiguration', resource: '*', context: home_ },
      {
        what: 'assume the deploy role (AdministratorAccess without the boundary)',
        action: 'sts:AssumeRole',
        resource: deployerArn,
        resourcePolicy: deployerTrust,
      },
      { what: 'pass the deploy role to CloudFormation', action: 'iam:PassRole', resource: deployerArn },
      { what: "add itself to the deploy role's trust", action: 'iam:UpdateAssumeRolePolicy', resource: deployerArn },
      {
        what: 'assume the backup break-glass role',
        action: 'sts:AssumeRole',
        resource: `arn:${p}:iam::${account}:role/LandingZone-BackupBreakGlass`,
      },
      ...(vault
        ? [
            { what: 'remove the vault lock', action: 'backup:DeleteBackupVaultLockConfiguration', resource: vault, context: home_ },
            {
              what: "replace the vault's policy (which keeps recovery points)",
              action: 'backup:PutBackupVaultAccessPolicy',
              resource: vault,
              context: home_,
            },
            { what: "delete the vault's policy", action: 'backup:DeleteBackupVaultAccessPolicy', resource: vault, context: home_ },
            { what: 'delete the vault', action: 'backup:DeleteBackupVault', resource: vault, context: home_ },
            {
              what: "delete the vault key's alias (to take the key out of protection)",
              action: 'kms:DeleteAlias',
              resource: vaultKeyAlias!,
              context: home_,
            },
            { what: "point the vault key's alias elsewhere", action: 'kms:UpdateAlias', resource: vaultKeyAlias!, context: home_ },
            {
              what: 'schedule the deletion of the vault key (recognised by its alias)',
              action: 'kms:ScheduleKeyDeletion',
              resource: `arn:${p}:kms:${home}:${account}:key/0123abcd-0000-0000-0000-000000000000`,
              context: { ...home_, 'kms:ResourceAliases': [vaultKeyAlias!.split(':').pop()!] },
            },
          ]
        : []),
      {
        what: 'launch an instance outside the allowed regions',
        action: 'ec2:RunInstances',
        resource: `arn:${p}:ec2:${outside}:${account}:instance/i-0123456789abcdef0`,
        context: inRegion(outside),
      },
      {
        what: 'create a bucket outside the allowed regions',
        action: 's3:CreateBucket',
        resource: `arn:${p}:s3:::data-outside`,
        context: inRegion(outside),
      },
    ];
    if (config.allowedRegions.includes(outside))
      throw new Error(`the simulation needs ${outside} outside ${client.name}'s allowed regions`);

    const work: Row[] = [
      {
        what: 'let EBS use the platform key for an encrypted volume (a grant for an AWS resource)',
        action: 'kms:CreateGrant',
        resource: platformKeyArn,
        context: { ...home_, 'kms:GrantIsForAWSResource': 'true' },
        resourcePolicy: platformKey.properties.KeyPolicy,
      },
      { what: 'subscribe another recipient to the security alerts', action: 'sns:Subscribe', resource: securityTopicArn, context: home_ },
      // Triage is allowed (and reported by the triage notice rule, which the rows above protect).
      {
        what: 'archive a GuardDuty finding after review',
        action: 'guardduty:ArchiveFindings',
        // IAM's service reference gives this action no resource type.
        resource: '*',
        context: home_,
      },
      {
        what: 'suppress a Security Hub finding after review',
        action: 'securityhub:BatchUpdateFindings',
        resource: `arn:${p}:securityhub:${home}:${account}:hub/default`,
        context: home_,
      },
      {
        what: 'launch an instance in the home region',
        action: 'ec2:RunInstances',
        resource: `arn:${p}:ec2:${home}:${account}:instance/i-0123456789abcdef0`,
        context: home_,
      },
      {
        what: 'create a role that carries the boundary',
        action: 'iam:CreateRole',
        resource: `arn:${p}:iam::${account}:role/workload`,
        context: { 'iam:PermissionsBoundary': boundaryArn },
      },
      { what: 'read the logs', action: 's3:GetObject', resource: `${logBucket}/AWSLogs/${account}/x.json.gz`, context: home_ },
      { what: 'write to a workload bucket', action: 's3:PutObject', resource: `arn:${p}:s3:::acme-shop-assets/index.html`, context: home_ },
      {
        what: 'deploy a function',
        action: 'lambda:CreateFunction',
        resource: `arn:${p}:lambda:${home}:${account}:function:shop`,
        context: home_,
      },
      {
        what: "update a workload function's code",
        action: 'lambda:UpdateFunctionCode',
        resource: `arn:${p}:lambda:${home}:${account}:function:shop`,
        context: home_,
      },
      { what: 'pass a workload role to a service', action: 'iam:PassRole', resource: `arn:${p}:iam::${account}:role/shop-task` },
      { what: "read the trail's events", action: 'cloudtrail:LookupEvents', resource: '*', context: home_ },
      { what: "read a legacy IAM user's policies (an audit)", action: 'iam:ListAttachedUserPolicies', resource: legacyUser },
      { what: "delete a legacy IAM user's access key", action: 'iam:DeleteAccessKey', resource: legacyUser },
      { what: 'remove a legacy IAM user', action: 'iam:DeleteUser', resource: legacyUser },
      {
        what: 'deploy a workload with the CDK (assume the bootstrap deploy role, whose execution role carries the boundary)',
        action: 'sts:AssumeRole',
        resource: `arn:${p}:iam::${account}:role/cdk-hnb659fds-deploy-role-${account}-${home}`,
      },
      { what: "search the trail's log group", action: 'logs:FilterLogEvents', resource: trailLogGroupArn, context: home_ },
      {
        what: 'create an alarm for a workload',
        action: 'cloudwatch:PutMetricAlarm',
        resource: `arn:${p}:cloudwatch:${home}:${account}:alarm:shop-5xx-errors`,
        context: home_,
      },
      {
        what: "set a workload log group's retention",
        action: 'logs:PutRetentionPolicy',
        resource: `arn:${p}:logs:${home}:${account}:log-group:/aws/lambda/shop`,
        context: home_,
      },
      {
        what: 'schedule a workload with an EventBridge rule',
        action: 'events:PutRule',
        resource: `arn:${p}:events:${home}:${account}:rule/shop-nightly`,
        context: home_,
      },
      {
        what: 'read costs from any region (Cost Explorer lives in us-east-1)',
        action: 'ce:GetCostAndUsage',
        resource: '*',
        context: inRegion(outside),
      },
      {
        what: 'restore a backup',
        action: 'backup:StartRestoreJob',
        resource: `arn:${p}:backup:${home}:${account}:recovery-point:0123abcd-1234-5678-9abc-def012345678`,
        context: home_,
      },
    ];

    test('has the boundary from the templates (the simulation checks what is deployed)', () => {
      expect(admin.boundary?.name).toBe(`arn:${p}:iam::${account}:policy/${config.client.name}-baseline-protection`);
      expect(foundation).toBeDefined();
    });

    if (config.security.iam.deployer) {
      test("cannot assume the deploy role even without its boundary: the role's trust names neither it nor its account", async () => {
        const unbounded = { ...admin, boundary: undefined };
        const request = { action: 'sts:AssumeRole', resource: deployerArn, context: home_, resourcePolicy: deployerTrust };
        expect(await decide(unbounded, account, request)).not.toBe('Allowed');
        // while a principal the trust names may (with MFA): the trust is what decides
        const principal = config.security.iam.deployer!.principals?.[0];
        if (principal) {
          const named = { roleArn: principal, identityPolicies: admin.identityPolicies };
          const withMfa = { ...request, context: { ...home_, 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '60' } };
          expect(await decide(named, account, withMfa)).toBe('Allowed');
        }
      });
    }

    if (config.backup.enabled && config.backup.breakGlassPrincipals) {
      test('cannot assume the break-glass role even without its boundary, while a named principal can, with MFA only', async () => {
        const breakGlass = findResource(templates, 'AWS::IAM::Role', (props) => props.RoleName === 'LandingZone-BackupBreakGlass');
        const request = {
          action: 'sts:AssumeRole',
          resource: `arn:${p}:iam::${account}:role/LandingZone-BackupBreakGlass`,
          context: { ...home_, 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '60' },
          resourcePolicy: breakGlass.properties.AssumeRolePolicyDocument,
        };
        expect(await decide({ ...admin, boundary: undefined }, account, request)).not.toBe('Allowed');
        const named = { roleArn: config.backup.breakGlassPrincipals![0], identityPolicies: admin.identityPolicies };
        expect(await decide(named, account, request)).toBe('Allowed');
        expect(await decide(named, account, { ...request, context: home_ })).not.toBe('Allowed');
      });
    }

    test.each(attacks.map((row) => [row.what, row] as const))('may not %s', async (_what, row) => {
      expect(await decide(admin, account, row)).toBe('ExplicitlyDenied');
    });

    test.each(work.map((row) => [row.what, row] as const))('may %s', async (_what, row) => {
      expect(await decide(admin, account, row)).toBe('Allowed');
    });
  });
});
