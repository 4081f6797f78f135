/**
 * Controlled write actions: rules per tool, from configuration, applied after policy allowed a call. Value rules
 * (allow/deny lists, patterns, number ranges, lengths, recipient domains, stripped fields) and counting rules (rate and
 * budget per session, agent or user, in shared {@link dev.bulwark.spi.budget.UsageCounters}) turn a call into a
 * {@link dev.bulwark.engine.writes.WriteVerdict}: allow, modify, escalate to approval, or deny.
 */
package dev.bulwark.engine.writes;
