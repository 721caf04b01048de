/**
 * Runs before every test file. aws-cdk-lib validates every synthesized template against the
 * CloudFormation schema with a WebAssembly module that costs about three seconds to load per test
 * file and about half of each synth: it is off here and on where it earns its cost, in the
 * compliance tests, which synthesize every client with it (see `withCloudFormationValidation`).
 */
process.env.CDK_VALIDATION = 'false';
