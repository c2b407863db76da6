export { mannWhitneyU, hodgesLehmannShift, median, type MannWhitneyResult } from './mann-whitney';
export { normalCdf, normalUpperTail, erfc } from './normal';
export { classifyMetric, DEFAULT_ALLOWED_DECREASE, DEFAULT_ALLOWED_INCREASE, DEFAULT_ALPHA, DEFAULT_MIN_SAMPLES } from './classify';
export { judge, DEFAULT_MARGINAL_SCORE, DEFAULT_PASS_SCORE, type JudgmentInput, type VersionSamples } from './judge';
export { SampleLog } from './sample-log';
export { describeJudgment, describeMetricJudgment, formatJudgedValue, judgedMetricLabel, verdictLabel } from './format';
export type * from './types';
