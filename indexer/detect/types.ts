/** Where an automatically extracted value came from (offsets in the cleaned text) and how sure we are (0..1). */
export type { ProvenanceEntry as Provenance } from '../types.js';
