import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the AWS shared files are and which environment variables apply. The CLI and the app pass the
 * real process environment; tests pass fixture paths, so nothing reads the developer's own ~/.aws.
 */
export interface AwsEnvironment {
  env: NodeJS.ProcessEnv;
  homeDir: string;
}

export function defaultAwsEnvironment(): AwsEnvironment {
  return { env: process.env, homeDir: homedir() };
}

/** `AWS_CONFIG_FILE` or `~/.aws/config`, as the AWS CLI and SDK resolve it. */
export function configFilePath(environment: AwsEnvironment): string {
  return environment.env.AWS_CONFIG_FILE || join(environment.homeDir, '.aws', 'config');
}

/** `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`. */
export function credentialsFilePath(environment: AwsEnvironment): string {
  return environment.env.AWS_SHARED_CREDENTIALS_FILE || join(environment.homeDir, '.aws', 'credentials');
}

/** Static keys in the environment (`AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY`). */
export function hasEnvironmentCredentials(environment: AwsEnvironment): boolean {
  return Boolean(environment.env.AWS_ACCESS_KEY_ID && environment.env.AWS_SECRET_ACCESS_KEY);
}

/** The region the environment asks for, if any (`AWS_REGION` wins over `AWS_DEFAULT_REGION`). */
export function environmentRegion(environment: AwsEnvironment): string | undefined {
  return environment.env.AWS_REGION || environment.env.AWS_DEFAULT_REGION || undefined;
}

/**
 * An endpoint set in the environment (`AWS_ENDPOINT_URL_EC2`, then `AWS_ENDPOINT_URL`), which the
 * SDK and CLI let override a profile's `endpoint_url`.
 */
export function environmentEndpoint(environment: AwsEnvironment): string | undefined {
  return environment.env.AWS_ENDPOINT_URL_EC2 || environment.env.AWS_ENDPOINT_URL || undefined;
}
