/**
 * Japanese texts of the Instance Connect Endpoint tunnel's error codes (src/aws/eic-errors.ts);
 * the English text is each error's own message. Placeholders are the errors' `details`.
 */
export const tunnelErrorLocales = {
  en: {},
  ja: {
    'tunnel.instanceNotRunning':
      '{{region}} の {{instanceId}} は {{state}} の状態です。トンネルで接続できるのは、VPC 内で実行中のインスタンスだけです。',
    'tunnel.noEndpoint':
      '{{region}} の {{vpcId}} に、{{instanceId}} に接続できる EC2 Instance Connect Endpoint がありません。インスタンスのサブネットにエンドポイントを作成する（CreateInstanceConnectEndpoint）か、--eic-endpoint で指定してください。',
    'tunnel.severalEndpoints':
      '{{vpcId}} に使える Instance Connect Endpoint が {{count}} 個あります（{{endpointIds}}）。--eic-endpoint でどれを使うか指定してください。',
    'tunnel.endpointUnusable':
      'Instance Connect Endpoint {{endpointId}} は {{state}} の状態です。トンネルを通せるのは create-complete になってからです。',
    'tunnel.endpointOtherVpc':
      'Instance Connect Endpoint {{endpointId}} は {{endpointVpcId}} にありますが、{{instanceId}} は {{vpcId}} にあります。{{vpcId}} のエンドポイントを使ってください。',
    'tunnel.refused':
      'Instance Connect Endpoint {{endpointId}} が {{instanceId}} へのトンネルを拒否しました（HTTP {{status}}）。AWS からのメッセージ：{{message}}',
    'tunnel.unreachable':
      'Instance Connect Endpoint {{endpointId}}（{{dnsName}}）に接続できませんでした：{{reason}}',
    'tunnel.localPortUnavailable':
      '127.0.0.1:{{port}} で待ち受けできません（{{reason}}）。別の --local-port を指定するか、0 を指定して空いているポートを使ってください。',
  },
} as const;
