/** Types for the parts of wink-bm25-text-search (a CommonJS package without types) the benchmark uses. */
declare module 'wink-bm25-text-search' {
  interface WinkBM25 {
    defineConfig(config: { fldWeights: Record<string, number>; bm25Params?: { k1?: number; b?: number; k?: number }; ovFieldNames?: string[] }): boolean;
    definePrepTasks(tasks: Array<(text: string) => string[]>, field?: string): number;
    addDoc(doc: Record<string, string>, id: string | number): number;
    consolidate(fp?: number): boolean;
    /** `[id, score]` pairs, best first. */
    search(text: string, limit?: number): Array<[string, number]>;
  }
  function bm25(): WinkBM25;
  export default bm25;
}
