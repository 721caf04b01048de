#!/usr/bin/env node
/**
 * The CDK app: `npx cdk synth -c client=<name>` (default: example), or the consultant's portfolio:
 * `npx cdk synth -c portfolio=true` (clients/_consultant.yaml and every opted-in client).
 *
 * Reads the client's file once, validates it, and stops with every problem listed, before any
 * template is written, if the file is not valid.
 */
import { App } from 'aws-cdk-lib';
import { synthesizeClient } from '../lib/app/app';
import { synthesizePortfolio } from '../lib/app/portfolio-app';
import { DEFAULT_CLIENTS_DIR } from '../lib/core/config/load';

const app = new App({ autoSynth: false });
const client = String(app.node.tryGetContext('client') ?? 'example');
// For tests and for users who keep client files elsewhere.
const clientsDir = String(app.node.tryGetContext('clientsDir') ?? DEFAULT_CLIENTS_DIR);

// `npx cdk synth -c portfolio=true`: the consultant's portfolio (clients/_consultant.yaml).
const portfolio = String(app.node.tryGetContext('portfolio') ?? 'false') === 'true';
const outcome = portfolio ? synthesizePortfolio(app, clientsDir) : synthesizeClient(app, client, clientsDir);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
