export interface CountReporter {
  onTestRunFinished(args: { sessions: unknown[] }): void;
}
export declare function countReporter(options?: { file?: string }): CountReporter;
