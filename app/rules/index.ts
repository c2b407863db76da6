export { RuleWatch, breaches, type RuleState, type RuleStatus } from './watch';
export { RuleSet, metricValue } from './rule-set';
export { describeFiring, describeRule, formatMetric, metricLabel } from './format';
export { activeRules, noDataAction } from './active';
export { candidateSample, withInstances, type RuleSample } from './sample';
