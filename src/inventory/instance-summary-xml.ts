import type { Instance } from '@aws-sdk/client-ec2';

/** The part of a DescribeInstances page the inventory uses. */
export interface InstanceSummaryPage {
  instances: Instance[];
  nextToken?: string;
}

const entities = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** XML character and entity references (the five predefined ones and numeric ones). */
function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return entities.get(ref) ?? whole;
  });
}

/** Where an instance's fields sit below its `<item>` (EC2's wire names). */
type Field =
  'id' | 'keyName' | 'stateName' | 'stateCode' | 'platform' | 'platformDetails' | 'az' | 'publicIp';
const fields = new Map<string, Field>([
  ['instanceId', 'id'],
  ['keyName', 'keyName'],
  ['instanceState/name', 'stateName'],
  ['instanceState/code', 'stateCode'],
  ['platform', 'platform'],
  ['platformDetails', 'platformDetails'],
  ['placement/availabilityZone', 'az'],
  ['ipAddress', 'publicIp'],
]);

// DescribeInstancesResponse / reservationSet / item / instancesSet / item
const instanceDepth = 5;

function malformed(reason: string): Error {
  return new Error(`DescribeInstances returned XML that could not be read (${reason}).`);
}

/** A single pass over the markup with a stack of element names; no tree is built. */
class InstanceSummaryReader {
  private readonly stack: string[] = [];
  private readonly instances: Instance[] = [];
  private nextToken: string | undefined;
  private instance: Instance | undefined;
  private tag: { Key?: string; Value?: string } | undefined;
  private sawRoot = false;

  read(xml: string): InstanceSummaryPage {
    let text = '';
    let index = 0;
    while (index < xml.length) {
      const open = xml.indexOf('<', index);
      if (open === -1) break;
      if (open > index) text += xml.slice(index, open);
      const next = xml.charCodeAt(open + 1);
      let end: number;
      const past = (marker: string) => {
        const at = xml.indexOf(marker, open);
        return at === -1 ? -1 : at + marker.length;
      };
      if (next === 0x3f /* ? */) {
        end = past('?>');
      } else if (xml.startsWith('<!--', open)) {
        end = past('-->');
      } else if (xml.startsWith('<![CDATA[', open)) {
        const cdataEnd = xml.indexOf(']]>', open);
        // Kept escaped so the one decode at the element's end leaves it literal.
        if (cdataEnd !== -1) text += xml.slice(open + 9, cdataEnd).replace(/&/g, '&amp;');
        end = cdataEnd === -1 ? -1 : cdataEnd + 3;
      } else {
        const close = xml.indexOf('>', open);
        end = close === -1 ? -1 : close + 1;
        if (close !== -1) {
          if (next === 0x2f /* / */) {
            this.endElement(decodeText(text));
          } else {
            const selfClosing = xml.charCodeAt(close - 1) === 0x2f;
            const tagText = xml.slice(open + 1, selfClosing ? close - 1 : close);
            const nameLength = tagText.search(/[\s/]/);
            this.startElement(nameLength === -1 ? tagText : tagText.slice(0, nameLength));
            if (selfClosing) this.endElement('');
          }
          text = '';
        }
      }
      if (end <= open) throw malformed('unterminated markup');
      index = end;
    }
    if (!this.sawRoot) throw malformed('no DescribeInstancesResponse element');
    if (this.stack.length) throw malformed(`<${this.stack[this.stack.length - 1]}> is never closed`);
    const page: InstanceSummaryPage = { instances: this.instances };
    if (this.nextToken !== undefined) page.nextToken = this.nextToken;
    return page;
  }

  private startElement(name: string): void {
    const { stack } = this;
    stack.push(name);
    const depth = stack.length;
    if (depth === 1) {
      if (name !== 'DescribeInstancesResponse' || this.sawRoot) throw malformed(`unexpected <${name}>`);
      this.sawRoot = true;
    } else if (depth === instanceDepth && stack[1] === 'reservationSet' && stack[3] === 'instancesSet') {
      this.instance = {};
      this.instances.push(this.instance);
    } else if (this.instance && depth === instanceDepth + 2 && stack[instanceDepth] === 'tagSet') {
      this.tag = {};
      (this.instance.Tags ??= []).push(this.tag);
    }
  }

  private endElement(value: string): void {
    const { stack } = this;
    const depth = stack.length;
    if (depth === 0) throw malformed('a closing tag without an opening one');
    if (depth === 2 && stack[1] === 'nextToken') this.nextToken = value;
    else if (this.instance && depth > instanceDepth) this.assign(this.instance, depth, value);
    if (depth === instanceDepth) this.instance = undefined;
    if (depth === instanceDepth + 2) this.tag = undefined;
    stack.pop();
  }

  private assign(target: Instance, depth: number, value: string): void {
    const { stack } = this;
    if (this.tag && depth === instanceDepth + 3) {
      if (stack[depth - 1] === 'key') this.tag.Key = value;
      else if (stack[depth - 1] === 'value') this.tag.Value = value;
      return;
    }
    if (depth > instanceDepth + 2) return;
    const path =
      depth === instanceDepth + 1
        ? stack[instanceDepth]
        : `${stack[instanceDepth]}/${stack[instanceDepth + 1]}`;
    switch (fields.get(path as string)) {
      case 'id':
        target.InstanceId = value;
        break;
      case 'keyName':
        target.KeyName = value;
        break;
      case 'stateName':
        (target.State ??= {}).Name = value as NonNullable<Instance['State']>['Name'];
        break;
      case 'stateCode':
        (target.State ??= {}).Code = Number(value);
        break;
      case 'platform':
        target.Platform = value as Instance['Platform'];
        break;
      case 'platformDetails':
        target.PlatformDetails = value;
        break;
      case 'az':
        (target.Placement ??= {}).AvailabilityZone = value;
        break;
      case 'publicIp':
        target.PublicIpAddress = value;
        break;
      default:
        break;
    }
  }
}

/**
 * Reads a DescribeInstances response body straight into the few Instance fields the inventory
 * shows (id, key name, state, platform, zone, public IP, tags), skipping the 2–5 KB of other fields
 * per instance that the SDK's generic deserializer builds objects for — most of an all-region
 * load's CPU on large accounts. EC2 replies are plain XML: elements, text and entity references.
 */
export function readInstanceSummaries(xml: string): InstanceSummaryPage {
  return new InstanceSummaryReader().read(xml);
}
