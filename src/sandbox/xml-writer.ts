import { NormalizedSchema } from '@smithy/core/schema';

/** Escapes text for an XML element body. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`,
  );
}

/** `<name>text</name>` with the text escaped. */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function scalarText(ns: NormalizedSchema, value: unknown): string {
  if (ns.isTimestampSchema()) {
    const date = value instanceof Date ? value : new Date(value as string | number);
    return date.toISOString();
  }
  if (ns.isBlobSchema()) return Buffer.from(value as Uint8Array).toString('base64');
  return String(value);
}

function writeValue(ns: NormalizedSchema, value: unknown, name: string): string {
  if (value === undefined || value === null) return '';
  if (ns.isListSchema()) {
    const items = value as unknown[];
    const member = ns.getValueSchema();
    const itemName = (member.getMergedTraits().xmlName as string | undefined) ?? 'member';
    if (ns.getMergedTraits().xmlFlattened)
      return items.map((item) => writeValue(member, item, name)).join('');
    return `<${name}>${items.map((item) => writeValue(member, item, itemName)).join('')}</${name}>`;
  }
  if (ns.isMapSchema()) {
    const entries = Object.entries(value as Record<string, unknown>);
    const body = entries
      .map(
        ([key, entry]) =>
          `<entry>${element('key', key)}${writeValue(ns.getValueSchema(), entry, 'value')}</entry>`,
      )
      .join('');
    return `<${name}>${body}</${name}>`;
  }
  if (ns.isStructSchema())
    return `<${name}>${writeStructBody(ns, value as Record<string, unknown>)}</${name}>`;
  return element(name, scalarText(ns, value));
}

function writeStructBody(ns: NormalizedSchema, value: Record<string, unknown>): string {
  let body = '';
  for (const [memberName, member] of ns.structIterator()) {
    const xmlName = (member.getMemberTraits().xmlName as string | undefined) ?? memberName;
    body += writeValue(member, value[memberName], xmlName);
  }
  return body;
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
