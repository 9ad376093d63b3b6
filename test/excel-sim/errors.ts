// Errors the Excel simulator raises, shaped like OfficeExtension.Error (name 'RichApi.Error', code, message, debugInfo).

export type SimErrorCode =
  | 'AccessDenied'
  | 'ApiNotFound'
  | 'GeneralException'
  | 'InsertDeleteConflict'
  | 'InvalidArgument'
  | 'InvalidObjectPath'
  | 'InvalidOperation'
  | 'InvalidOperationInCellEditMode'
  | 'ItemAlreadyExists'
  | 'ItemNotFound'
  | 'NotImplemented'
  | 'PropertyNotLoaded'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded';

export class SimError extends Error {
  override readonly name = 'RichApi.Error';
  readonly code: SimErrorCode;
  readonly debugInfo: { code: SimErrorCode; message: string; errorLocation?: string };

  constructor(code: SimErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation === undefined ? {} : { errorLocation }) };
  }
}

export const PROTECTED_MESSAGE =
  "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.";

export function accessDenied(where: string): SimError {
  return new SimError('AccessDenied', PROTECTED_MESSAGE, where);
}

export function propertyNotLoaded(property: string, type: string): SimError {
  return new SimError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${type}.${property}`,
  );
}

/** Something real Excel does that the simulator does not model: refuse loudly rather than guess. */
export function notSimulated(what: string): SimError {
  return new SimError('NotImplemented', `Simulator: ${what} is not simulated`);
}
