/**
 * The {@code bulwark} command line (picocli): {@code serve}, and local administration of agents, users, tokens,
 * policies and the audit log against the configured data directory or database.
 */
package dev.bulwark.server.cli;
