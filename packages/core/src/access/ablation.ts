import { SQL_ACCESS_RULES } from '@kim/persistence';
import { ACCESS_RULE_IDS, ruleSwitches, type AccessRuleId } from './rules.js';

// The repositories' statements switch rules off by id (persistence fragments.ts): each id they
// name must be a rule of the policy, or an ablation run would never reach it.
void (SQL_ACCESS_RULES satisfies readonly AccessRuleId[]);

/**
 * The seam for the access matrix's ablation run: switch one rule of the access policy off, so
 * the hub behaves as if the rule did not exist, and on again. It exists for tests only: no
 * configuration, environment variable or API of a running hub reaches it, and it refuses to work
 * outside jest (an in-process gateway, @kim/test-support/hub startTestHub, shares this module).
 */
function assertTest(): void {
  if (process.env.JEST_WORKER_ID === undefined)
    throw new Error('access rules can be switched off only inside a test run');
}

export const accessAblation = {
  /** Every rule id, in registry order. */
  rules(): AccessRuleId[] {
    return [...ACCESS_RULE_IDS];
  },
  /** Switch one rule off (and every other on). */
  switchOff(id: AccessRuleId): void {
    assertTest();
    ruleSwitches.allOn();
    ruleSwitches.off(id);
  },
  /** Every rule on again: the hub as it runs. */
  restore(): void {
    ruleSwitches.allOn();
  },
  /** Run fn with one rule off; the rule is on again afterwards, whatever fn does. */
  async without<T>(id: AccessRuleId, fn: () => Promise<T>): Promise<T> {
    this.switchOff(id);
    try {
      return await fn();
    } finally {
      ruleSwitches.allOn();
    }
  },
};
