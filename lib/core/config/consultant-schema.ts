import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { LANGUAGES } from '../alerts/language';
import { ConfigError, DEFAULT_CLIENTS_DIR, parseWithSchema } from './load';
import { accountId, emailList, strictObject, text, uniqueItems } from './primitives';
import { region } from './region-field';
import { slackChannelId, slackWorkspaceId, teamsChannelId, teamsTeamId, teamsTenantId, timeZoneName } from './chat-fields';
import type { ClientConfig } from './schema';

/**
 * The consultant's own file, `clients/_consultant.yaml`: the AWS account that holds the portfolio
 * dashboard (CloudWatch cross-account observability: a sink per region that the opted-in clients'
 * accounts link to), and where its alarms go. Not a client: `listClients` skips it.
 */

/** The file's name in the clients directory. */
export const CONSULTANT_FILE = '_consultant.yaml';

const SINK_ARN = /^arn:aws[\w-]*:oam:([a-z]{2}(-[a-z]+)+-\d):(\d{12}):sink\/[0-9a-f-]{36}$/;

/** The consultant file's schema. */
export const consultantSchema = strictObject({
  consultant: strictObject({
    name: text('a name').check(
      z.minLength(1),
      z.maxLength(64),
      z.describe("The consultant's or firm's name, shown on the portfolio dashboard."),
    ),
    accountId: accountId.check(z.describe("The consultant's own AWS account: the monitoring account of the portfolio dashboard.")),
    homeRegion: region.check(z.describe('Where the dashboard, its alarms and the alert topic live.')),
    regions: z
      .array(region, { error: 'must be a list of AWS region codes' })
      .check(
        z.minLength(1, { error: 'must list at least one region' }),
        uniqueItems('region'),
        z.describe(
          "Regions with a sink (one per region: a link can only reach a sink of its own region). Every opted-in client account's home region must be one of them; the home region too.",
        ),
      ),
    timeZone: z._default(timeZoneName, 'UTC').check(z.describe('Time zone of the dashboard. Default: UTC.')),
    language: z
      ._default(z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }), 'en')
      .check(z.describe(`Language of the dashboard and alarms: ${LANGUAGES.join(' or ')}. Default: en.`)),
  }),
  notifications: strictObject({
    emails: emailList.check(z.describe('Who gets the portfolio alarms (budgets, findings, failed backups, collectors).')),
    slack: z
      .optional(
        strictObject({
          workspaceId: slackWorkspaceId,
          channelId: slackChannelId,
        }),
      )
      .check(
        z.describe(
          'A Slack channel for the portfolio alarms, through AWS Chatbot (authorize the workspace once in your account). Default: none.',
        ),
      ),
    teams: z
      .optional(
        strictObject({
          tenantId: teamsTenantId,
          teamId: teamsTeamId,
          channelId: teamsChannelId,
        }),
      )
      .check(z.describe('A Microsoft Teams channel for the portfolio alarms, through AWS Chatbot. Default: none.')),
  }),
  sinks: z
    ._default(
      z.partialRecord(
        region,
        text('a sink ARN').check(
          z.regex(SINK_ARN, {
            error:
              'must be an OAM sink ARN like arn:aws:oam:eu-central-1:999999999999:sink/<uuid> (the SinkArn output of the portfolio stack)',
          }),
        ),
        { error: 'must be a mapping of region to sink ARN' },
      ),
      {},
    )
    .check(
      z.describe(
        'The sink ARN of each region, from the `SinkArn` output of the portfolio stack after its first deployment (AWS generates it). Clients link to it. Default: none yet.',
      ),
    ),
}).check(
  z.superRefine((file, ctx) => {
    const consultant = file.consultant;
    if (
      consultant &&
      Array.isArray(consultant.regions) &&
      typeof consultant.homeRegion === 'string' &&
      !consultant.regions.includes(consultant.homeRegion)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['consultant', 'regions'],
        input: consultant.regions,
        message: `must include the home region ${consultant.homeRegion}`,
      });
    }
    for (const [sinkRegion, arn] of Object.entries(file.sinks ?? {})) {
      const match = SINK_ARN.exec(String(arn));
      if (!match) continue;
      if (match[1] !== sinkRegion)
        ctx.addIssue({
          code: 'custom',
          path: ['sinks', sinkRegion],
          input: arn,
          message: `is a sink of ${match[1]}, not of ${sinkRegion}`,
        });
      if (consultant && match[3] !== consultant.accountId) {
        ctx.addIssue({
          code: 'custom',
          path: ['sinks', sinkRegion],
          input: arn,
          message: `belongs to account ${match[3]}, not to consultant.accountId ${consultant.accountId}`,
        });
      }
      if (consultant && Array.isArray(consultant.regions) && !consultant.regions.includes(sinkRegion)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sinks', sinkRegion],
          input: sinkRegion,
          message: `is not one of consultant.regions (${consultant.regions.join(', ')})`,
        });
      }
    }
  }),
);

/** The validated consultant file. */
export type ConsultantConfig = z.output<typeof consultantSchema>;

/**
 * The consultant's file of a clients directory, or undefined when there is none.
 *
 * @throws ConfigError listing every problem of the file
 */
export function loadConsultantConfig(clientsDir: string = DEFAULT_CLIENTS_DIR): ConsultantConfig | undefined {
  const file = path.join(clientsDir, CONSULTANT_FILE);
  if (!fs.existsSync(file)) return undefined;
  const source = path.relative(process.cwd(), file) || file;
  const { data, problems } = parseWithSchema(fs.readFileSync(file, 'utf8'), source, consultantSchema);
  if (!data || problems.length > 0) throw new ConfigError(source, problems);
  return data;
}

/**
 * The sink each account of an opted-in client links to, by account name: checked against the
 * consultant's file, with a problem per account that cannot link yet.
 */
export function portfolioSinks(
  config: ClientConfig,
  consultant: ConsultantConfig | undefined,
): { sinks: ReadonlyMap<string, string>; problems: Array<{ path: string; message: string }> } {
  const sinks = new Map<string, string>();
  const problems: Array<{ path: string; message: string }> = [];
  const portfolio = config.portfolio;
  if (!portfolio) return { sinks, problems };
  if (!consultant) {
    problems.push({
      path: 'portfolio',
      message: `needs the consultant's file clients/${CONSULTANT_FILE} (README, "Portfolio"), which does not exist`,
    });
    return { sinks, problems };
  }
  if (portfolio.monitoringAccountId !== consultant.consultant.accountId) {
    problems.push({
      path: 'portfolio.monitoringAccountId',
      message: `must be the consultant's account ${consultant.consultant.accountId} (clients/${CONSULTANT_FILE}), received ${portfolio.monitoringAccountId}`,
    });
    return { sinks, problems };
  }
  for (const account of config.accounts) {
    const sink = consultant.sinks[account.homeRegion];
    if (sink) sinks.set(account.name, sink);
    else {
      problems.push({
        path: 'portfolio',
        message: `account ${account.name} publishes its metrics in ${account.homeRegion}, where the consultant has no sink yet: add ${account.homeRegion} to consultant.regions, deploy the portfolio stack and put its SinkArn into sinks.${account.homeRegion} of clients/${CONSULTANT_FILE}`,
      });
    }
  }
  return { sinks, problems };
}

/**
 * The sinks of an opted-in client's accounts, from the consultant's file beside the client files.
 *
 * @throws ConfigError when the client opted in and an account cannot link (no consultant file,
 *   another monitoring account, no sink in an account's home region)
 */
export function loadPortfolioSinks(config: ClientConfig, clientsDir: string = DEFAULT_CLIENTS_DIR): ReadonlyMap<string, string> {
  if (!config.portfolio) return new Map();
  const { sinks, problems } = portfolioSinks(config, loadConsultantConfig(clientsDir));
  if (problems.length > 0) {
    const source = path.relative(process.cwd(), path.join(clientsDir, `${config.client.name}.yaml`));
    throw new ConfigError(source, problems);
  }
  return sinks;
}
