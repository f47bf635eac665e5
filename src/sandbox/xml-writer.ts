import { NormalizedSchema } from '@smithy/core/schema';

const xmlEscapes: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

/** Escapes text for an XML element body. */
export function escapeXml(text: string): string {
  return /[<>&'"]/.test(text) ? text.replace(/[<>&'"]/g, (char) => xmlEscapes[char] as string) : text;
}

/** `<name>text</name>` with the text escaped. */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** Writes one value as the element `name` (nothing for undefined/null). */
type ValueWriter = (value: unknown, name: string) => string;
type StructBodyWriter = (value: Record<string, unknown>) => string;

// Compiled once per struct schema: walking the SDK's schema objects for every value was most of
// the time of a large reply (500 instances is ~1 MB of XML). Strings grow with `+=` (V8 ropes,
// flattened once when the reply is encoded), which beat joining arrays of fragments.
const structBodies = new WeakMap<object, StructBodyWriter>();

function scalarWriter(ns: NormalizedSchema): ValueWriter {
  if (ns.isTimestampSchema())
    return (value, name) =>
      element(name, (value instanceof Date ? value : new Date(value as string | number)).toISOString());
  if (ns.isBlobSchema())
    return (value, name) => element(name, Buffer.from(value as Uint8Array).toString('base64'));
  return (value, name) => element(name, String(value));
}

function listWriter(ns: NormalizedSchema): ValueWriter {
  const member = ns.getValueSchema();
  const itemName = (member.getMergedTraits().xmlName as string | undefined) ?? 'member';
  const flattened = Boolean(ns.getMergedTraits().xmlFlattened);
  let writeItem: ValueWriter | undefined;
  return (value, name) => {
    writeItem ??= compileWriter(member);
    let items = '';
    for (const entry of value as unknown[]) items += writeItem(entry, flattened ? name : itemName);
    return flattened ? items : `<${name}>${items}</${name}>`;
  };
}

function mapWriter(ns: NormalizedSchema): ValueWriter {
  let writeEntry: ValueWriter | undefined;
  return (value, name) => {
    writeEntry ??= compileWriter(ns.getValueSchema());
    let entries = '';
    for (const [key, entry] of Object.entries(value as Record<string, unknown>))
      entries += `<entry>${element('key', key)}${writeEntry(entry, 'value')}</entry>`;
    return `<${name}>${entries}</${name}>`;
  };
}

function structBodyWriter(ns: NormalizedSchema): StructBodyWriter {
  const key = ns.getSchema() as object;
  let writer = structBodies.get(key);
  if (!writer) {
    // Members are compiled on first use, so recursive shapes terminate.
    let members: { memberName: string; xmlName: string; write: ValueWriter }[] | undefined;
    writer = (value) => {
      members ??= [...ns.structIterator()].map(([memberName, member]) => ({
        memberName,
        xmlName: (member.getMemberTraits().xmlName as string | undefined) ?? memberName,
        write: compileWriter(member),
      }));
      let body = '';
      for (const member of members) body += member.write(value[member.memberName], member.xmlName);
      return body;
    };
    structBodies.set(key, writer);
  }
  return writer;
}

function compileWriter(ns: NormalizedSchema): ValueWriter {
  let write: ValueWriter;
  if (ns.isListSchema()) write = listWriter(ns);
  else if (ns.isMapSchema()) write = mapWriter(ns);
  else if (ns.isStructSchema()) {
    const body = structBodyWriter(ns);
    write = (value, name) => `<${name}>${body(value as Record<string, unknown>)}</${name}>`;
  } else write = scalarWriter(ns);
  return (value, name) => (value === undefined || value === null ? '' : write(value, name));
}

function writeStructBody(ns: NormalizedSchema, value: Record<string, unknown>): string {
  return structBodyWriter(ns)(value);
}

/**
 * Writes an EC2 Query response (`<ActionResponse xmlns=…><requestId/>…`) from an object in the SDK's
 * own output shape, using the SDK's schema for element names — the inverse of its XML deserializer.
 */
export function writeEc2Response(
  action: string,
  outputSchema: unknown,
  output: object,
  requestId: string,
): string {
  const ns = NormalizedSchema.of(outputSchema as never);
  const body = ns.isStructSchema() ? writeStructBody(ns, output as Record<string, unknown>) : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">${element('requestId', requestId)}${body}</${action}Response>`
  );
}

/** Writes an awsQuery (STS) response: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata/>`. */
export function writeQueryResponse(
  action: string,
  outputSchema: unknown,
  output: object,
  requestId: string,
  xmlns: string,
): string {
  const ns = NormalizedSchema.of(outputSchema as never);
  const body = ns.isStructSchema() ? writeStructBody(ns, output as Record<string, unknown>) : '';
  return (
    `<${action}Response xmlns="${xmlns}"><${action}Result>${body}</${action}Result>` +
    `<ResponseMetadata>${element('RequestId', requestId)}</ResponseMetadata></${action}Response>`
  );
}
