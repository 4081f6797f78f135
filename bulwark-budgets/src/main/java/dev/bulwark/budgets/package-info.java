/**
 * {@link dev.bulwark.spi.budget.UsageCounters} in a SQL table, so that every gateway replica pointed at the same
 * database shares rate and budget limits.
 */
package dev.bulwark.budgets;
