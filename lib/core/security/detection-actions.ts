/**
 * IAM actions that switch detection off or blind it: AWS Config recording, delivery, retention
 * and rules; GuardDuty detectors, filters, trusted IP lists and the link to the administrator
 * account; Security Hub standards, automation rules and the link to the administrator account;
 * IAM Access Analyzer analyzers and archive rules. Denied on `*` (none has a resource whose name
 * the landing zone knows: recorders, detectors, hubs and analyzers have generated ids) by the
 * people roles' permission boundary (`policies/baseline-protection.ts`) and by the organization's
 * baseline guardrail SCP (`policies/organization-guardrails.ts`): one list, so both promise the same.
 */
export const DETECTION_CHANGE_ACTIONS: readonly string[] = [
  // AWS Config: recording, delivery, retention and rules (a rule put over one of the
  // baseline's would change what it checks).
  'config:Delete*',
  'config:DisassociateResourceTypes',
  'config:Put*',
  'config:StopConfigurationRecorder',
  // GuardDuty. Filters can auto-archive findings and trusted IP lists silence them, so
  // creating or changing either is as good as switching detection off.
  'guardduty:CreateFilter',
  'guardduty:CreateIPSet',
  'guardduty:Delete*',
  'guardduty:Disassociate*',
  'guardduty:UpdateDetector',
  'guardduty:UpdateFilter',
  'guardduty:UpdateIPSet',
  // Security Hub. Automation rules can suppress findings; UpdateStandardsControl is also
  // what BatchUpdateStandardsControlAssociations needs.
  'securityhub:BatchDisableStandards',
  'securityhub:BatchUpdateAutomationRules',
  'securityhub:CreateAutomationRule',
  'securityhub:Disable*',
  'securityhub:Disassociate*',
  'securityhub:UpdateSecurityHubConfiguration',
  'securityhub:UpdateStandardsControl',
  // IAM Access Analyzer. Archive rules auto-archive findings, like GuardDuty filters.
  'access-analyzer:CreateArchiveRule',
  'access-analyzer:DeleteAnalyzer',
  'access-analyzer:UpdateAnalyzer',
  'access-analyzer:UpdateArchiveRule',
];

/** Rule changes that would stop a rule from routing its events (to the alert topics). */
export const RULE_CHANGE_ACTIONS: readonly string[] = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
];

/**
 * The alert path and its evidence: the finding and forwarding rules, the CIS and delivery alarms,
 * the trail's log group with its metric filters, the functions' logs. Denied on the platform's
 * rules, alarms and log groups by the boundary and by the organization's platform guardrail.
 */
export const ALERT_PATH_CHANGE_ACTIONS: readonly string[] = [
  ...RULE_CHANGE_ACTIONS,
  'cloudwatch:DeleteAlarms',
  'cloudwatch:DisableAlarmActions',
  'cloudwatch:PutMetricAlarm',
  'logs:AssociateKmsKey',
  'logs:Delete*',
  'logs:DisassociateKmsKey',
  'logs:Put*',
];
