/**
 * The service-provider interface of Bulwark: records and interfaces, plus a few small JDK-only helpers every module
 * shares (argument checks, frozen JSON trees, unguessable ids, kept JDBC statements), depending on the JDK alone.
 *
 * <p>Plugins (policy, identity, audit, connectors, guards) implement these interfaces; the engine and the server use
 * them without knowing any implementation. JSON values cross this boundary as plain Java trees ({@link String},
 * {@link Number}, {@link Boolean}, {@code null}, {@link java.util.List}, {@link java.util.Map}) or JSON text, never as
 * a third-party type.
 */
package dev.bulwark.spi;
