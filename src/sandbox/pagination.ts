import { apiError } from './api-error';

export interface PageRequest {
  MaxResults?: number;
  NextToken?: string;
}

/** Limits of one paginated action (AWS's documented MaxResults range). */
export interface PageLimits {
  min: number;
  max: number;
  /** Error code for a bad token (EC2: InvalidParameterValue; SSM: InvalidNextToken). */
  badTokenCode?: string;
}

/**
 * Returns one page of `items` and the token for the next. Tokens are opaque to the SDK; here they
 * carry the offset, so paginators walk the list exactly once in order.
 */
export function paginate<T>(
  items: T[],
  request: PageRequest,
  limits: PageLimits,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (request.NextToken !== undefined && request.NextToken !== '') {
    const decoded = /^sandbox:(\d+)$/.exec(Buffer.from(request.NextToken, 'base64').toString('utf8'));
    if (!decoded)
      throw apiError(
        limits.badTokenCode ?? 'InvalidParameterValue',
        `The token '${request.NextToken}' is invalid.`,
      );
    start = Number(decoded[1]);
  }
  if (request.MaxResults === undefined) return { page: items.slice(start) };
  if (request.MaxResults < limits.min || request.MaxResults > limits.max) {
    throw apiError(
      'InvalidParameterValue',
      `Value ( ${request.MaxResults} ) for parameter maxResults is invalid. Expecting a value between ${limits.min} and ${limits.max}.`,
    );
  }
  const end = start + request.MaxResults;
  const page = items.slice(start, end);
  return end < items.length
    ? { page, nextToken: Buffer.from(`sandbox:${end}`).toString('base64') }
    : { page };
}
