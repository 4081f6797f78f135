/**
 * Forwarding audit records to a SIEM: {@link dev.bulwark.audit.forward.SyslogMessage} formats a record as an RFC 5424
 * syslog message, {@link dev.bulwark.audit.forward.SyslogSender} sends messages over TCP (optionally TLS, RFC 5425)
 * with octet-counting framing (RFC 6587 3.4.1), and {@link dev.bulwark.audit.forward.AuditForwarder} follows the log
 * from a persisted cursor. Records are sent as stored, so they carry the audit log's redaction and nothing more.
 */
package dev.bulwark.audit.forward;
