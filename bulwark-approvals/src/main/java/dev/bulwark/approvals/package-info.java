/**
 * Durable approval requests ({@link dev.bulwark.approvals.JdbcApprovalStore}) and approver keys
 * ({@link dev.bulwark.approvals.SqlApproverKeys}) on SQLite or PostgreSQL. Every state change is one conditional
 * {@code UPDATE}, so replicas sharing the database agree on a single outcome without locks held across requests.
 */
package dev.bulwark.approvals;
