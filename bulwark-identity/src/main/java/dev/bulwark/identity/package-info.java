/**
 * Agent and user identities, their credentials and revocation: SQL-backed stores for agents (with API keys), users and
 * revoked token ids; Ed25519-signed JWT credentials; the HTTP-free logic of the OAuth 2.0 token endpoint
 * ({@code client_credentials} and RFC 8693 token exchange); and the {@link dev.bulwark.spi.identity.Authenticator}
 * that verifies those credentials on every call; and {@link dev.bulwark.identity.TokenThrottle}, which throttles failed
 * attempts at the token endpoint. Agents and users share one id space, claimed in the database.
 *
 * <p>State lives in a {@link javax.sql.DataSource} handed in by the server; the SQL is the common subset of SQLite and
 * PostgreSQL. No third-party type appears in a public signature.
 */
package dev.bulwark.identity;
