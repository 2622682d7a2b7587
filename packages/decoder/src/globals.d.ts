// TextDecoder is a global in browsers and Node.js; the ES library typings do not declare it.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
