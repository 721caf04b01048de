import * as z from 'zod/mini';
import { isTimeZone, timeZoneProblem } from '../rules/time-zones';
import { text } from './primitives';

/**
 * Fields that the client files and the consultant's file share: chat channel ids (AWS Chatbot for
 * Slack and Microsoft Teams) and time zones. Each caller adds its own description.
 */

/** A Slack workspace id. */
export const slackWorkspaceId = text('a Slack workspace id').check(
  z.regex(/^T[A-Z0-9]{6,}$/, { error: 'must be a Slack workspace id like T0123ABCD' }),
);

/** A Slack channel id. */
export const slackChannelId = text('a Slack channel id').check(
  z.regex(/^[CG][A-Z0-9]{6,}$/, { error: 'must be a Slack channel id like C0123ABCD' }),
);

/** A Microsoft Entra tenant id. */
export const teamsTenantId = z.uuid({ error: 'must be a Microsoft Entra tenant id (a UUID)' });

/** A Microsoft Teams team id. */
export const teamsTeamId = z.uuid({ error: 'must be a Microsoft Teams team id (a UUID)' });

/** A Teams channel id as Teams copies it, or URL-encoded. */
export const teamsChannelId = text('a Teams channel id').check(
  z.regex(/^19(:|%3[aA])[^\s:@%]+(@|%40)thread\.(tacv2|skype)$/, {
    error: 'must be a Teams channel id like 19:abc...@thread.tacv2 (as Teams copies it) or its URL-encoded form 19%3aabc...%40thread.tacv2',
  }),
);

/** An IANA time zone. */
export const timeZoneName = text('an IANA time zone such as Europe/Berlin').check(
  z.refine(isTimeZone, { error: (issue) => timeZoneProblem(String(issue.input)) }),
  z.meta({ examples: ['Europe/Berlin', 'Europe/London', 'Europe/Paris', 'America/New_York', 'UTC'] }),
);
