/**
 * Proto3 JSON text of the objects the client returns. They already follow the proto3 JSON
 * mapping (lowerCamelCase names, enums by name, 64-bit integers as strings, unset optional
 * fields absent); only non-finite doubles need their JSON spelling.
 */

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  }
  return value;
}

/** JSON text of a response object, proto3-JSON style. */
export function toProto3Json(value: unknown, indent?: number): string {
  return JSON.stringify(value, replacer, indent);
}
