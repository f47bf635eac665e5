/**
 * DescribeInstances replies shaped as real EC2 sends them (pretty-printed, namespaced, nested
 * `item`s in network interfaces, block devices and groups), for reader tests.
 */
export function awsStyleInstance(fields: {
  id: string;
  keyName?: string;
  state?: [number, string];
  platform?: string;
  platformDetails?: string;
  az?: string;
  publicIp?: string;
  tags?: [string, string][];
}): string {
  const [code, name] = fields.state ?? [16, 'running'];
  return `
                <item>
                    <instanceId>${fields.id}</instanceId>
                    <imageId>ami-0abcdef1234567890</imageId>
                    <instanceState>
                        <code>${code}</code>
                        <name>${name}</name>
                    </instanceState>
                    <privateDnsName>ip-10-0-0-157.us-east-2.compute.internal</privateDnsName>
                    <dnsName/>
                    <reason/>
                    ${fields.keyName === undefined ? '' : `<keyName>${fields.keyName}</keyName>`}
                    <amiLaunchIndex>0</amiLaunchIndex>
                    <productCodes/>
                    <instanceType>t2.micro</instanceType>
                    <launchTime>2022-11-15T10:48:59.000Z</launchTime>
                    <placement>
                        <availabilityZone>${fields.az ?? 'us-east-2a'}</availabilityZone>
                        <groupName/>
                        <tenancy>default</tenancy>
                    </placement>
                    ${fields.platform ? `<platform>${fields.platform}</platform>` : ''}
                    <monitoring>
                        <state>disabled</state>
                    </monitoring>
                    <subnetId>subnet-04a636d18e83cfacb</subnetId>
                    <vpcId>vpc-1234567890abcdef0</vpcId>
                    <privateIpAddress>10.0.0.157</privateIpAddress>
                    ${fields.publicIp ? `<ipAddress>${fields.publicIp}</ipAddress>` : ''}
                    <sourceDestCheck>true</sourceDestCheck>
                    <groupSet>
                        <item>
                            <groupId>sg-1234567890abcdef0</groupId>
                            <groupName>my-security-group</groupName>
                        </item>
                    </groupSet>
                    <architecture>x86_64</architecture>
                    <rootDeviceType>ebs</rootDeviceType>
                    <rootDeviceName>/dev/xvda</rootDeviceName>
                    <blockDeviceMapping>
                        <item>
                            <deviceName>/dev/xvda</deviceName>
                            <ebs>
                                <volumeId>vol-02e6ccdca7de29cf2</volumeId>
                                <status>attached</status>
                                <attachTime>2022-11-15T10:49:00.000Z</attachTime>
                                <deleteOnTermination>true</deleteOnTermination>
                            </ebs>
                        </item>
                    </blockDeviceMapping>
                    <virtualizationType>hvm</virtualizationType>
                    <clientToken>1234abcd-1234-abcd-1234-d46a8903e9bc</clientToken>
                    ${
                      fields.tags
                        ? `<tagSet>${fields.tags
                            .map(
                              ([key, value]) => `
                        <item>
                            <key>${key}</key>
                            <value>${value}</value>
                        </item>`,
                            )
                            .join('')}
                    </tagSet>`
                        : ''
                    }
                    <hypervisor>xen</hypervisor>
                    <networkInterfaceSet>
                        <item>
                            <networkInterfaceId>eni-0e5a5d6e6b8f1b5b4</networkInterfaceId>
                            <subnetId>subnet-04a636d18e83cfacb</subnetId>
                            <description/>
                            <status>in-use</status>
                            <privateIpAddress>10.0.0.157</privateIpAddress>
                            <association>
                                <publicIp>3.15.0.1</publicIp>
                                <ipOwnerId>amazon</ipOwnerId>
                            </association>
                            <groupSet>
                                <item>
                                    <groupId>sg-1234567890abcdef0</groupId>
                                    <groupName>my-security-group</groupName>
                                </item>
                            </groupSet>
                            <privateIpAddressesSet>
                                <item>
                                    <privateIpAddress>10.0.0.157</privateIpAddress>
                                    <primary>true</primary>
                                </item>
                            </privateIpAddressesSet>
                        </item>
                    </networkInterfaceSet>
                    ${fields.platformDetails ? `<platformDetails>${fields.platformDetails}</platformDetails>` : ''}
                </item>`;
}

export function awsStyleResponse(reservations: string[][], nextToken?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
    <reservationSet>${reservations
      .map(
        (instances, index) => `
        <item>
            <reservationId>r-0${index}234567890abcdef</reservationId>
            <ownerId>123456789012</ownerId>
            <groupSet/>
            <instancesSet>${instances.join('')}
            </instancesSet>
        </item>`,
      )
      .join('')}
    </reservationSet>${nextToken === undefined ? '' : `\n    <nextToken>${nextToken}</nextToken>`}
</DescribeInstancesResponse>`;
}
