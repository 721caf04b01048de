#!/usr/bin/env node
/**
 * The CDK app: `npx cdk synth -c client=<name>` (default: example).
 *
 * Reads the client's file once, validates it, and stops with every problem listed, before any
 * template is written, if the file is not valid.
 */
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app';
import { ConfigError, DEFAULT_CLIENTS_DIR, loadClientConfig } from '../lib/config/load';

const app = new App({ autoSynth: false });
const clientName: string = app.node.tryGetContext('client') ?? 'example';
// For tests and for users who keep client files elsewhere.
const clientsDir: string = app.node.tryGetContext('clientsDir') ?? DEFAULT_CLIENTS_DIR;

try {
  const config = loadClientConfig(String(clientName), clientsDir);
  buildApp(config, app).synth();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`\nInvalid client configuration. Nothing was synthesized.\n${error.message}\n\n`);
    process.exit(1);
  }
  throw error;
}
