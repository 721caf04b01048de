import * as z from 'zod';

/**
 * The custom notification schema of Amazon Q Developer in chat applications (AWS Chatbot), as its
 * administrator guide gives it ("Custom notifications", event schema and parameter details):
 * `version` must be "1.0", `source` must be "custom", `content.description` is required, only the
 * `client-markdown` text type exists, every other field is optional and of the listed type.
 * Messages that do not follow it are not delivered to the channel. Unknown fields are refused
 * here (strict objects), so a misspelled field cannot pass as an optional one.
 */
export const chatNotificationSchema = z.strictObject({
  version: z.literal('1.0'),
  source: z.literal('custom'),
  id: z.optional(z.string()),
  content: z.strictObject({
    textType: z.optional(z.literal('client-markdown')),
    title: z.optional(z.string()),
    description: z.string().min(1),
    nextSteps: z.optional(z.array(z.string())),
    keywords: z.optional(z.array(z.string())),
  }),
  metadata: z.optional(
    z.strictObject({
      threadId: z.optional(z.string()),
      summary: z.optional(z.string()),
      eventType: z.optional(z.string()),
      relatedResources: z.optional(z.array(z.string())),
      additionalContext: z.optional(z.record(z.string(), z.string())),
    }),
  ),
});

/** Throws, naming every problem, unless `message` (the JSON an SNS https subscriber gets) is a valid custom notification. */
export function expectValidChatNotification(message: string): void {
  const result = chatNotificationSchema.safeParse(JSON.parse(message));
  if (!result.success) {
    throw new Error(
      `not a valid chat custom notification: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
}
