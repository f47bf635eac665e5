import { NormalizedSchema } from '@smithy/core/schema';

/** One level of a form-encoded Query request: `Filter.1.Value.2=x` becomes nested nodes. */
interface QueryNode {
  value?: string;
  children: Map<string, QueryNode>;
}

function newNode(): QueryNode {
  return { children: new Map() };
}

/** Splits `a.b.c=v` pairs into a tree keyed by dot-separated segments. */
export function parseQueryTree(params: URLSearchParams): QueryNode {
  const root = newNode();
  for (const [key, value] of params) {
    let node = root;
    for (const segment of key.split('.')) {
      let child = node.children.get(segment);
      if (!child) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    node.value = value;
  }
  return root;
}

/** Query protocol flavour: EC2 flattens lists and capitalises keys; awsQuery nests `member.N`. */
export interface QueryDecodeSettings {
  ec2: boolean;
}

function memberKey(name: string, ns: NormalizedSchema, settings: QueryDecodeSettings): string {
  const traits = ns.getMergedTraits();
  if (settings.ec2 && typeof traits.ec2QueryName === 'string') return traits.ec2QueryName;
  const key = typeof traits.xmlName === 'string' ? traits.xmlName : name;
  return settings.ec2 ? key.charAt(0).toUpperCase() + key.slice(1) : key;
}

function numberedChildren(node: QueryNode): QueryNode[] {
  return [...node.children.entries()]
    .filter(([key]) => /^\d+$/.test(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, child]) => child);
}

function decodeScalar(ns: NormalizedSchema, raw: string): unknown {
  if (ns.isBooleanSchema()) return raw === 'true';
  if (ns.isNumericSchema()) return Number(raw);
  if (ns.isTimestampSchema()) return new Date(raw);
  if (ns.isBlobSchema()) return new Uint8Array(Buffer.from(raw, 'base64'));
  return raw;
}

function decodeNode(ns: NormalizedSchema, node: QueryNode, settings: QueryDecodeSettings): unknown {
  if (ns.isListSchema()) {
    const member = ns.getValueSchema();
    const flat = settings.ec2 || Boolean(ns.getMergedTraits().xmlFlattened);
    const container = flat ? node : node.children.get('member');
    if (!container) return [];
    return numberedChildren(container).map((child) => decodeNode(member, child, settings));
  }
  if (ns.isMapSchema()) {
    const result: Record<string, unknown> = {};
    const entries = node.children.get('entry') ?? node;
    for (const entry of numberedChildren(entries)) {
      const key = entry.children.get('key')?.value;
      const value = entry.children.get('value');
      if (key !== undefined && value) result[key] = decodeNode(ns.getValueSchema(), value, settings);
    }
    return result;
  }
  if (ns.isStructSchema()) {
    const result: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const child = node.children.get(memberKey(name, member, settings));
      if (child) result[name] = decodeNode(member, child, settings);
    }
    return result;
  }
  return decodeScalar(ns, node.value ?? '');
}

/**
 * Turns a Query-protocol request body into the SDK's own input object, using the SDK's schema for
 * the operation — the exact inverse of what the SDK's QueryShapeSerializer writes, so key names
 * (`Filter.1.Value.1`, `TagSpecification.1.Tag.1.Key`, `BlockDeviceMapping.1.Ebs.VolumeSize`) are
 * never hand-maintained here.
 */
export function decodeQueryInput<T>(inputSchema: unknown, tree: QueryNode, settings: QueryDecodeSettings): T {
  const ns = NormalizedSchema.of(inputSchema as never);
  if (!ns.isStructSchema()) return {} as T;
  return decodeNode(ns, tree, settings) as T;
}
