import { element } from './xml-writer';

/** An error the sandbox answers with, in AWS's own code/message/status terms. */
export class SandboxApiError extends Error {
  override readonly name = 'SandboxApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Shorthand for the common 400 client errors. */
export function apiError(code: string, message: string, status = 400): SandboxApiError {
  return new SandboxApiError(code, message, status);
}

/** EC2's error document: `<Response><Errors><Error>…</Error></Errors><RequestID>…`. */
export function ec2ErrorBody(error: SandboxApiError, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${element('Code', error.code)}${element('Message', error.message)}` +
    `</Error></Errors>${element('RequestID', requestId)}</Response>`
  );
}

/** awsQuery's (STS) error document. */
export function queryErrorBody(error: SandboxApiError, requestId: string, xmlns: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${xmlns}"><Error>${element('Type', type)}${element('Code', error.code)}${element('Message', error.message)}` +
    `</Error>${element('RequestId', requestId)}</ErrorResponse>`
  );
}

/** JSON 1.1's error document (SSM, Instance Connect). */
export function jsonErrorBody(error: SandboxApiError): string {
  return JSON.stringify({ __type: error.code, message: error.message });
}
