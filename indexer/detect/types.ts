/** Where an automatically extracted value came from, and how sure we are of it. */
export interface Provenance {
  field: string;
  value: string;
  /** Character offsets in the stored (cleaned) text. */
  start: number;
  end: number;
  text: string;
  /** 0..1 */
  confidence: number;
}

export interface Detected<T> {
  value: T;
  provenance: Provenance[];
}
