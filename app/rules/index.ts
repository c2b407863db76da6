export { RuleWatch, breaches, type RuleState, type RuleStatus } from './watch';
export { RuleSet, metricValue } from './rule-set';
export { describeFiring, describeRule, formatMetric, metricLabel } from './format';
