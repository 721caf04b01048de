import type { Catalogue } from './catalogue-types';

/** English texts of alerts and runbooks. */
export const CATALOGUE_EN: Catalogue = {
  costEstimate: {
    parts: {
      costExplorer: 'Cost Explorer requests',
      customMetrics: 'Custom metrics',
      alarms: 'Alarms',
      compute: 'Lambda, Scheduler, logs, state parameter',
      dashboard: 'Cost review dashboard',
      budgets: 'AWS Budgets, Cost Anomaly Detection',
    },
    costExplorer: (perDay, runs, queries, forecasts, digestsAtMost) =>
      `${perDay} a day (${runs} ${runs === 1 ? 'run' : 'runs'} x ${queries} ${queries === 1 ? 'query' : 'queries'}, ${forecasts} ${forecasts === 1 ? 'forecast' : 'forecasts'} once a day)` +
      (digestsAtMost > 0 ? ` + at most ${digestsAtMost} a month for digests` : ''),
    customMetrics: (metrics, hoursPerDay) =>
      `${metrics} metrics, each billed for the ${hoursPerDay} ${hoursPerDay === 1 ? 'hour' : 'hours'} a day it receives data`,
    alarms: (thresholds) =>
      `${thresholds} budget ${thresholds === 1 ? 'alarm' : 'alarms'}, 2 collector alarms, 1 anomaly detection alarm (billed as 3)`,
    compute: (runsPerMonth) => `${runsPerMonth} runs a month`,
    dashboard: (dashboards, free) => `${dashboards} dashboards in the billing account, ${free} are free`,
    budgets: (budgets, anomaly) =>
      `${budgets} ${budgets === 1 ? 'budget' : 'budgets'} without actions${anomaly ? ', 1 anomaly subscription' : ''}`,
  },
  alarms: {
    topicUndelivered: (topic, queue) => `Alerts of ${topic} could not be delivered; read them from the queue ${queue}.`,
    readQueue: (description, queue) => `${description}; read them from the queue ${queue}.`,
    undeliveredFindings: (region) => `Security findings of ${region} could not be handed to the alert notifier`,
    undeliveredTriage: (region) => `Notices of findings triaged by hand could not be handed to the alert notifier (${region})`,
    undeliveredRegionalAlarms: 'Alarms of other regions could not be handed to the alert notifier',
    unforwarded: (region, home) => `Events of ${region} could not be forwarded to the home region ${home}`,
    unloggedFindings: 'Security findings could not be written to the findings log group: the finding counts of the dashboards miss them',
    undeliveredBackupJobs: (region) => `AWS Backup job alerts of ${region} could not be handed to the alert notifier`,
    undeliveredRestoreTests: (region) => `Failed restore tests of ${region} could not be handed to the alert notifier`,
    runFailed: (service, impact, logGroup, queue) =>
      `A run of ${service} failed: ${impact}. Read the log group ${logGroup}; the failed event is in ${queue}.`,
    runNotStarted: (service, queue) =>
      `A run of ${service} failed or could not be started; the event and its error wait in ${queue} for 14 days.`,
    impacts: {
      costCollector:
        'Cost Explorer throttling not overcome, request cap reached, metrics lost, or another error; FinOps metrics and the budget digest are stale until a run succeeds',
      wasteFinder:
        'CloudWatch throttling not overcome, GetMetricData request cap reached, metrics not published, or another error; idle-resource counts and estimated waste are stale until a scan succeeds',
      monthlyReport:
        'Cost Explorer request cap reached, an AWS read refused or throttled, or the report could not be stored or announced; the month\'s report is missing until it is run again (invoke the function with {"month": "YYYY-MM"})',
      notifier: 'an alert was not sent; the event waits in the dead-letter queue',
    },
    failedBackupJobs: (vault) =>
      `Backup or copy jobs of the AWS Backup vault ${vault} failed in the last hour; the job alerts on the operations topic say which and why (runbook: operations dashboard).`,
    breakGlassUsed: (role) =>
      `The backup break-glass role ${role} was assumed (or an attempt was refused) or used: this is an incident. Find in CloudTrail who assumed it (AssumeRole, userIdentity and sourceIPAddress) and which recovery points it deleted or changed (DeleteRecoveryPoint, UpdateRecoveryPointLifecycle, DeleteBackupVaultAccessPolicy); if nobody can explain it, treat the trusted account's credentials as compromised.`,
  },
  nativeKinds: {
    'cis-alarm': {
      name: 'CIS monitoring alarm',
      firstSteps: [
        'Read the alarm description: it names the CIS control and what to check.',
        'Open CloudTrail event history for the last hour and find the matching event (caller, source IP, what changed).',
        'If no deployment or team member explains it, treat it as an incident.',
      ],
      runbook: {
        meaning:
          'The CIS AWS Foundations Benchmark section 4 alarms watch the audit trail for changes that matter for security: root use, sign-in without MFA, policy, trail, Config, key, network and organization changes. Most are routine when the team deploys; each needs a person to confirm that.',
        check: [
          'CloudTrail, Event history, filtered by the event names of the control (docs/cis-mapping.md lists them).',
          'Compare with the deployment log of the landing zone and of the workloads.',
        ],
        contain: ['Revert unexplained changes by redeploying the landing zone; rotate the credentials that made them.'],
        close: ['The alarm returns to OK by itself after 5 minutes without matching events; note the explanation in the operations log.'],
      },
    },
    'platform-alarm': {
      name: 'Platform health alarm',
      firstSteps: [
        'Read the alarm description: it names the function, queue or topic and where the failed events wait.',
        'Open the named log group or dead-letter queue and read the error.',
        'Fix the cause; then re-send or delete the waiting messages so the alarm returns to OK.',
      ],
      runbook: {
        meaning:
          'The platform watches itself: alerts that could not be delivered, collector, waste finder and notifier runs that failed, events that could not be forwarded or logged. While such an alarm is red, some alerts or figures may be missing.',
        check: [
          "The alarm's log group (errors with their cause) or dead-letter queue (the undelivered events).",
          "The operations dashboard: the collectors' errors, duration and throttles.",
        ],
        contain: ['Handle the waiting events by hand (they are alerts or findings that were never sent).'],
        close: ['Empty the dead-letter queue once handled; the alarm returns to OK when it is empty and runs succeed again.'],
      },
    },
    'budget-alert': {
      name: 'Budget or cost anomaly alert',
      firstSteps: [
        'Open the cost review dashboard: which budget, which service, since when.',
        'Ask the resource owner whether the increase is expected (a launch, a migration) or a mistake (something left running).',
        'Stop or resize what is not needed, or adjust the budget in the client file if the increase is planned.',
      ],
      runbook: {
        meaning:
          "AWS Budgets, the collector's budget alarms and Cost Anomaly Detection report spending above a budget threshold, a forecast above the limit, or a day outside the usual range. Each alert level is sent once per month.",
        check: [
          'Cost review dashboard: the gauges, the stacked daily cost by service and the band chart.',
          'Cost Explorer, grouped by service and usage type, for the days in question.',
        ],
        contain: ['Stop idle or forgotten resources (the waste finder lists candidates on the operations dashboard).'],
        close: ['Note the decision (stop, resize, commit, raise the budget) for the monthly cost review.'],
      },
    },
  },
  dashboards: {
    backupJobs: (vault) => `Backup jobs per day (vault ${vault})`,
    backupCompleted: 'Completed',
    backupFailed: 'Failed',
    copiesFailed: 'Copies failed',
    backupAlarm: 'Backup alarm',
    findingsBySeverity: 'GuardDuty and Security Hub findings by severity, per day',
    cisAlarms: 'CIS AWS Foundations monitoring alarms',
    platformAlarms: 'Platform alarms',
    collectorErrors: 'Collector errors and throttles (per hour)',
    errorsOf: (name) => `${name} errors`,
    throttlesOf: (name) => `${name} throttles`,
    collectorDuration: 'Collector duration (maximum per hour, ms)',
    trailDelivered: 'CloudTrail events delivered (per hour)',
    trailEvents: 'Trail events',
    idleResources: 'Idle resources by type (waste finder)',
    estimatedWaste: 'Estimated monthly waste by type (USD)',
    pendingSubscriptions: 'Alert subscriptions not confirmed (must be 0)',
    pendingOf: (topic) => `${topic} alerts`,
    costsOf: (client) => `# ${client}: AWS costs`,
    intro:
      'This page answers three questions: **are we within budget?** (the gauges), **what is driving cost?** (the charts by service), and **is anything unusual?** (the grey band: expected range; a line above it is unusual).',
    budgetColumns: ['Budget', 'Covers', 'Monthly limit'],
    noBudgets: '_No budgets are configured yet._',
    howToRead:
      '**How to read the gauges:** green below 80 % of the limit, orange from 80 %, red from 100 %. "Expected by month end" is AWS\'s forecast. Costs are in US dollars; the last two or three days may still be revised upwards by AWS.',
    dataCollected: (times, timeZone) =>
      `**Data** is collected from AWS Cost Explorer daily at ${times} (${timeZone}); the chart on the right shows the recent collections.`,
    contacts: '**Contacts:**',
    dataCollections: 'Data collections (last 7 days)',
    spentGauge: (budget) => `${budget}: spent, % of limit`,
    expectedGauge: (budget) => `${budget}: expected, % of limit`,
    spentAndExpected: (budget, limit) => `${budget}: spent and expected this month (USD, limit ${limit})`,
    eightyPercent: '80 % of limit',
    limitOf: (limit) => `Limit USD ${limit}`,
    dailyByService30: 'Daily cost by service, last 30 days (USD)',
    dailyByService90: 'Daily cost by service, last 90 days (USD)',
    topServices: 'Top services, last 30 days (USD)',
    totalAgainstBand: 'Total daily cost against its expected range (grey band), last 60 days',
    expectedRange: 'Expected range',
    monitoringCost: 'Cost of this cost monitoring, last 30 days',
    costExplorerUsd: 'Cost Explorer (USD)',
    expectedMonitoringCost: (total) =>
      `**Expected: about USD ${total} a month** (list prices; AWS Budgets, Cost Anomaly Detection and this dashboard are free).`,
    costColumns: ['Part', 'Quantity', 'USD'],
    budgetAlarms: 'Budget and anomaly alarms',
    living: {
      title: (client) => `# ${client}: landing zone`,
      accounts: '**Accounts:**',
      home: (region) => `home ${region}`,
      dataStaysIn: '**Data stays in:**',
      timeZone: '**Time zone:**',
      columns: ['Part', 'State'],
      on: 'on',
      off: 'off',
      audit: 'Audit logging (CloudTrail, Config, log archive)',
      threats: 'Threat detection',
      backups: 'Backups',
      network: 'Network baseline',
      finops: 'FinOps',
      whoToCall: '**Who to call:**',
      runbooks:
        '**Runbooks:** every alert kind is described at the bottom of this dashboard (what it means, what to do first); restore a backup: README "How to restore" of the landing zone repository; CIS findings: `docs/cis-mapping.md`; break-glass and baseline protection: `docs/decisions/004-baseline-protection.md`, `005-backup-design.md`.',
      trail: (state, config, frequency) => `trail ${state}, Config ${config} (${frequency})`,
      backupState: (tag, daily, weekly, monthly, lock, copies, restoreTest) =>
        `tag \`${tag}\` = daily (${daily} d) / weekly (${weekly} d) / monthly (${monthly} d); vault lock ${lock}; copies ${copies}; restore test ${restoreTest}`,
      copiesTo: (region) => `to ${region}`,
      finopsState: (budgets, collector, anomaly) => `${budgets} budget(s), collector ${collector}, anomaly detection ${anomaly}`,
    },
    roles: {
      owner: 'Owner',
      technical: 'Technical',
      platform: 'Technical (platform)',
      security: 'Security',
      billing: 'Billing',
      operations: 'Operations',
    },
  },
  cisAlarmDescription: (cisId, title, response, runbookUrl) =>
    `CIS ${cisId} ${title}: at least one matching CloudTrail event in 5 minutes. ${response} Runbooks: ${runbookUrl}`,
  digest: {
    locale: 'en-US',
    subject: (client, exceeded, budgets) => `${client}: AWS budget ${exceeded ? 'exceeded' : 'alert'} - ${budgets}`,
    budgetCount: (count) => `${count} budgets`,
    header: (client, dateTime, timeZone) => `AWS cost alert for ${client}, ${dateTime} (${timeZone}).`,
    crossed: (count) =>
      count === 1 ? 'One budget crossed an alert level this month:' : `${count} budgets crossed an alert level this month:`,
    scope: (scope) => {
      switch (scope.type) {
        case 'total':
          return 'the whole AWS bill';
        case 'service':
          return `the AWS service "${scope.service}"`;
        case 'account':
          return `the AWS account "${scope.account}"`;
        case 'tag':
          return scope.value === '' ? `resources without a "${scope.key}" tag` : `resources tagged ${scope.key} = ${scope.value}`;
        case 'costCategory':
          return `the cost category ${scope.name} = ${scope.value}`;
      }
    },
    budget: (name, scope) => `Budget "${name}" (${scope})`,
    why: (thresholds) => `Why you get this: ${thresholds}.`,
    thresholdActual: (percent) => `${percent} of the limit already spent`,
    thresholdForecast: (percent) => `expected to reach ${percent} of the limit by the end of the month`,
    spent: (month, amount, percent) => `Spent so far in ${month}: ${amount} (${percent} of the limit)`,
    expected: (amount, percent) => `Expected by the end of the month: ${amount} (${percent} of the limit)`,
    noForecast: 'Expected by the end of the month: no forecast available yet (AWS needs more cost history)',
    limit: (amount) => `Monthly limit: ${amount}`,
    biggestUnavailable: 'Biggest costs this month: not available in this message (see the cost dashboard)',
    biggestNone: 'Biggest costs this month: none recorded yet',
    biggest: 'Biggest costs this month:',
    whatToDo: (advice) => `What to do: ${advice}`,
    adviceExceeded:
      'The monthly limit is already exceeded. Ask your technical contact today which of the services above can be stopped or reduced, or raise the budget if this spending is expected (for example a planned launch).',
    adviceForecast:
      'At the current pace the month will end over the limit. Ask your technical contact this week whether the increase is expected; if not, which of the services above can be reduced before the month ends.',
    adviceApproaching:
      'Spending is approaching the limit. Check with your technical contact that this is expected; no action is needed if it is.',
    resources: {
      EC2Instance: ['EC2 instance', 'EC2 instances'],
      EBSVolume: ['EBS storage volume', 'EBS storage volumes'],
      NATGateway: ['NAT gateway', 'NAT gateways'],
      LoadBalancer: ['load balancer', 'load balancers'],
      RDSInstance: ['RDS database', 'RDS databases'],
    },
    idleResources: ['idle resource', 'idle resources'],
    roughUsd: (whole) => `about USD ${whole}`,
    lessThanOneUsd: 'less than USD 1',
    savings: (resources, types, amount) =>
      `Possible savings: ${resources} (${types}) could save ${amount} per month; see the operations dashboard.`,
    savingsExplained: [
      '  Idle means barely used in recent weeks (or, for servers, much larger than needed). The amount is a cautious estimate',
      '  from AWS list prices. Ask your technical contact whether these resources are still needed.',
    ],
    footer: [
      'Amounts are in US dollars from AWS Cost Explorer. The last few days are estimates that AWS',
      'revises until the month is closed. You get this message once per alert level and month;',
      'the cost dashboard shows the figures day by day.',
    ],
    budgetAlarm: (budget, limitUsd, actual, percent, runsPerDay) =>
      `Budget "${budget}" (USD ${limitUsd} a month): ${actual ? 'spent so far this month' : 'expected by the end of the month'} is at or above ${percent} % of the limit. ` +
      `From the cost collector's metrics, refreshed ${runsPerDay} time(s) a day; see the cost dashboard for the services driving it.`,
    anomalyAlarm: (client, stdDevs) =>
      `The total daily cost of ${client} is above its usual range (anomaly detection band of ${stdDevs} standard deviations). ` +
      'Check the cost dashboard for the service that grew; AWS Cost Anomaly Detection may also have sent the root cause.',
    chatTitle: (client, exceeded) => `${client}: AWS budget ${exceeded ? 'exceeded' : 'alert'}`,
  },
  severity: { CRITICAL: 'critical', HIGH: 'high', MEDIUM: 'medium', LOW: 'low', INFORMATIONAL: 'informational' },
  words: {
    client: 'Client',
    account: 'Account',
    region: 'Region',
    time: 'Time',
    severity: 'Severity',
    firstSteps: 'What to do now',
    whoToCall: 'Who to call',
    console: 'Open in the AWS console',
    runbook: 'Runbook',
    severityRose: 'This finding was reported before; its severity has risen.',
    meaning: 'What it means',
    check: 'How to check',
    contain: 'How to contain',
    close: 'How to close',
    generated: 'Generated from the alert catalogue (lib/core/alerts); edit it there, then run `npm run docs`.',
  },
  kinds: {
    'guardduty-finding': {
      name: 'GuardDuty finding',
      title: (f) => `GuardDuty: ${f.title}`,
      happened: (f) =>
        `Amazon GuardDuty, the threat detection service, saw activity of type ${f.type} on a resource of type ${f.resourceType} (score ${f.score} of 10). This can mean an attack or a compromised credential or server.`,
      firstSteps: [
        'Open the finding (link in the alert) and read which resource, which IP address or which credential is involved.',
        'If a server is involved: isolate it (a security group without rules) and take an EBS snapshot before you change anything.',
        'If a credential is involved: deactivate the access key or revoke the role sessions.',
        'Call the security contact; do not delete anything that may be evidence.',
      ],
      runbook: {
        meaning:
          'GuardDuty analyses CloudTrail, VPC flow logs and DNS logs and reports behaviour that matches known attacks: crypto mining, port scans, calls from known malicious addresses, unusual API use. High and critical findings usually need action within hours.',
        check: [
          'Read the finding in the GuardDuty console: type, affected resource, actor (IP address, country, ASN), first and last seen.',
          'Look up the finding type in the GuardDuty documentation ("Finding types"): it explains the typical cause.',
          'In CloudTrail event history, check what the involved credential or role did around the time of the finding.',
          'Decide: expected activity (a penetration test, a new integration) or not.',
        ],
        contain: [
          'Server involved: attach an isolation security group, take EBS snapshots, keep the instance running for analysis.',
          'Access key involved: deactivate it (do not delete it yet); for a role, revoke its active sessions in IAM.',
          'S3 involved: check the bucket policy and Block Public Access; remove any public access.',
          'Rotate secrets the resource could read.',
        ],
        close: [
          'When the cause is removed and documented, archive the finding in GuardDuty (the archive is reported as a triage notice with your name).',
          'If it was expected activity, write down why; for repeated expected findings, ask the consultant to adjust the baseline rather than creating a suppression rule (they are denied by design).',
        ],
      },
    },
    'securityhub-finding': {
      name: 'Security Hub finding',
      title: (f) => `Security Hub: ${f.title}`,
      happened: (f) =>
        `AWS Security Hub reports a failed security check from ${f.product} for ${f.resource}: a setting that leaves the account less protected than the standards (AWS Foundational Security Best Practices, CIS) require.`,
      firstSteps: [
        'Open the finding (link in the alert): the remediation section says what to change.',
        'Check whether the resource is still needed and who owns it.',
        'Fix the setting, preferably in the code that created the resource; otherwise in the console.',
        'If the finding is an accepted risk, set its workflow status to SUPPRESSED with a note saying why.',
      ],
      runbook: {
        meaning:
          'Security Hub checks the account continuously against security standards. A high or critical finding is a setting an attacker could use: a public resource, missing encryption, an unused privileged credential, disabled logging.',
        check: [
          'Read the finding: control id, resource, and the "Remediation" link to the control documentation.',
          'Find the resource owner (tags owner and cost-center) and whether the resource is managed by code (CloudFormation stack tag).',
          'Check whether the same control fails for other resources (Security Hub, Controls).',
        ],
        contain: [
          'For public access or exposed credentials: remove the access immediately, then fix the cause.',
          'For other findings: plan the fix within the week; change the code that creates the resource so the setting stays fixed.',
        ],
        close: [
          'After the fix, Security Hub re-checks within 12 to 24 hours and archives the finding itself.',
          'For an accepted risk, set the workflow status to SUPPRESSED with a note (the change is reported as a triage notice).',
        ],
      },
    },
    'finding-triage': {
      name: 'Findings triaged by hand',
      title: (f) => `Findings triaged by hand: ${f.call}`,
      happened: (f) =>
        `${f.caller} called ${f.call} (${f.service}) from ${f.sourceIp}: findings were archived, suppressed or re-rated, so they no longer alert.`,
      firstSteps: [
        'Check that the caller is a person of your team and that the triage was intended.',
        'If nobody can explain it, treat it as an incident: review the findings again and revoke the credentials that made the call.',
      ],
      runbook: {
        meaning:
          'Triage (archiving, suppressing, re-rating findings) is normal security work and stays allowed. Because an intruder with administrator rights could archive the finding that reports them, every triage call is reported with who made it.',
        check: [
          'Open CloudTrail (link in the alert): the call, the caller, the source IP address and the finding ids.',
          'Ask the caller whether they made the change, and why.',
        ],
        contain: [
          "If nobody made it: revoke the caller's sessions and keys, then look at the archived findings again (GuardDuty: Archived; Security Hub: workflow status SUPPRESSED or RESOLVED).",
        ],
        close: ['Nothing to close when the triage was intended; otherwise follow the incident until the credentials are replaced.'],
      },
    },
    'regional-alarm': {
      name: 'Alarm in another region',
      title: (f) => `Alarm: ${f.alarmName}`,
      happened: (f) => `${f.description} Reason: ${f.reason}`,
      firstSteps: [
        'Open the alarm (link in the alert) in its region and read which queue or resource it watches.',
        'Read the events waiting in the dead-letter queue: they are the findings or notices that did not arrive.',
      ],
      runbook: {
        meaning:
          'Each allowed region forwards its findings and triage notices to the home region, where the alerts are sent. When forwarding fails, the events wait in a dead-letter queue of that region, and this alarm fires.',
        check: [
          "Open the alarm's region in the console, SQS, the queue named in the alarm: read the messages (they contain the events and the error).",
          "Check that the forwarding role still exists and may put events on the home region's default event bus.",
        ],
        contain: ['Read the findings in the messages and handle them like any finding: they were never alerted.'],
        close: ['After the cause is fixed, delete the read messages from the queue; the alarm returns to OK when the queue is empty.'],
      },
    },
    'pending-subscriptions': {
      name: 'Alert subscription not confirmed',
      title: (f) => `Alert subscription not confirmed (${f.topic})`,
      happened: (f) =>
        `These recipients of the ${f.topic} alerts never confirmed their subscription and receive nothing: ${f.endpoints.join(', ')}. AWS sends alerts only to confirmed addresses.`,
      firstSteps: [
        'Ask each recipient to open the email "AWS Notification - Subscription Confirmation" and click "Confirm subscription" (also in the spam folder).',
        'If the email is lost, redeploy the foundation stack after removing and re-adding the address, or subscribe it again in the SNS console.',
      ],
      runbook: {
        meaning:
          'SNS delivers to an email address only after its owner confirms the subscription. An unconfirmed address means that person gets no alerts at all, silently. The platform checks every day and reports each unconfirmed address once; the operations dashboard shows the count until it is zero.',
        check: ['SNS console, Topics, the alert topic, Subscriptions: the status of each endpoint ("Pending confirmation").'],
        contain: [
          'Until the address is confirmed, make sure someone else receives the alerts (another address in the client file, or chat).',
        ],
        close: ['The count on the operations dashboard drops to zero after the next daily check once every address is confirmed.'],
      },
    },
    'backup-job': {
      name: 'Backup, copy or restore job did not complete',
      title: (f) => `AWS Backup: ${f.jobType} job ${f.state} for ${f.resourceType}`,
      happened: (f) =>
        `An AWS Backup ${f.jobType} job for ${f.resource} ended ${f.state}. Reason given by AWS Backup: ${f.reason}. Until a later job succeeds, this resource has no recent ${f.jobType === 'copy' ? 'copy in the second region' : 'recovery point'}.`,
      firstSteps: [
        'Open the job (link in the alert) and read the status message.',
        'Fix the cause (most often: permissions of the backup role, a resource that was deleted or stopped, a key the vault cannot use).',
        'Start an on-demand backup (or copy) of the resource in the AWS Backup console and check that it completes.',
      ],
      runbook: {
        meaning:
          'The backup plans run every day (and weekly and monthly); a job that fails, is aborted, does not start in its window (EXPIRED) or completes only partly leaves the resource without a fresh recovery point. A failed copy job means the second-region copy, the protection against losing a region or the account, is missing. A failed restore is a restore someone started by hand.',
        check: [
          'AWS Backup console, Jobs: the job, its status message, the resource and the vault.',
          'Check whether the resource still exists and still carries the backup tag (backup=<tier>).',
          'Check whether other jobs failed the same night (the operations dashboard shows failed jobs per day).',
        ],
        contain: [
          'Start an on-demand backup of the resource now; for copies, start an on-demand copy of the newest recovery point.',
          'If the cause is a permission or key problem, fix it in the landing zone code and deploy, so the next scheduled job succeeds.',
        ],
        close: [
          'The incident is closed when the next scheduled job for the resource completed (AWS Backup console, Jobs, status Completed).',
        ],
      },
    },
    'restore-test': {
      name: 'Restore test failed',
      title: (f) => `Restore test ${f.state} for ${f.resourceType}`,
      happened: (f) =>
        `The automatic restore test of ${f.resource} ended ${f.state}: the backup could not be restored as planned. Reason given by AWS Backup: ${f.reason}. A backup that cannot be restored does not protect the company.`,
      firstSteps: [
        'Open the restore job (link in the alert) and read the status message.',
        'Check whether the recovery point is complete and the restore role may read it and its key.',
        'Run a manual restore of the same recovery point to a test resource, then delete the test resource.',
      ],
      runbook: {
        meaning:
          'Restore testing restores a recent recovery point of each protected resource type on a schedule, checks that it comes up, and deletes the restored copy. A failed test is early warning that recovery might fail in a real incident.',
        check: [
          'AWS Backup console, Restore testing: the test job, its recovery point and status message.',
          'Check the restore role and the vault key policy; check the restore metadata (subnet, instance type) still fits the account.',
        ],
        contain: [
          'Restore the recovery point by hand to prove a restore works; if it does not, take a fresh on-demand backup and test that.',
        ],
        close: ['Closed when the next scheduled restore test of the resource type succeeds.'],
      },
    },
  },
};
