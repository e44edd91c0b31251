/** Types for bencode 4.0.1, which ships none (only what the ng client uses). */
declare module 'bencode' {
  const bencode: {
    encode(value: unknown): Uint8Array;
    /** Byte strings come back as Uint8Array; its `encoding` argument is broken in 4.0.1 (dictionary keys fail), so it is not declared. */
    decode(data: Uint8Array): unknown;
  };
  export default bencode;
}
