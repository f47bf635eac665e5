import { instanceConnectActions } from './eic';
import type { ServiceTable } from './http-server';
import { ssmActions } from './ssm';
import { ssmParameterActions } from './ssm-parameters';

/** JSON 1.1 services by their X-Amz-Target prefix. */
export const jsonServices: Record<string, ServiceTable> = {
  AmazonSSM: { iamPrefix: 'ssm', actions: { ...ssmActions, ...ssmParameterActions } },
  AWSEC2InstanceConnectService: { iamPrefix: 'ec2-instance-connect', actions: instanceConnectActions },
};
