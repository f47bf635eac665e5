import type { DescribeInstancesCommandOutput } from '@aws-sdk/client-ec2';
import { AwsEc2QueryProtocol } from '@aws-sdk/core/protocols';
import { collectBody } from '@smithy/core/protocols';
import { readInstanceSummaries } from './instance-summary-xml';

type DeserializeArgs = Parameters<AwsEc2QueryProtocol['deserializeResponse']>;

/**
 * The SDK's EC2 protocol with one change for the inventory's clients: a successful
 * DescribeInstances page is read by `readInstanceSummaries` (only the fields the inventory shows)
 * instead of the generic deserializer. Signing, retries, errors and every other operation stay the
 * SDK's. Plugged in through the client's `protocol` setting, the SDK's own extension point.
 */
export class InventoryEc2Protocol extends AwsEc2QueryProtocol {
  override async deserializeResponse<Output>(
    operationSchema: DeserializeArgs[0],
    context: DeserializeArgs[1],
    response: DeserializeArgs[2],
  ): Promise<Output> {
    // Operation names come bare ('DescribeInstances') or as shape ids ('com.amazonaws.ec2#…').
    const operation = operationSchema.name.split('#').pop();
    if (response.statusCode >= 300 || operation !== 'DescribeInstances')
      return super.deserializeResponse(operationSchema, context, response) as Promise<Output>;
    const body = await collectBody(response.body, context);
    const page = readInstanceSummaries(
      Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'),
    );
    const output: DescribeInstancesCommandOutput = {
      Reservations: [{ Instances: page.instances }],
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
      $metadata: this.deserializeMetadata(response),
    };
    return output as Output;
  }
}
