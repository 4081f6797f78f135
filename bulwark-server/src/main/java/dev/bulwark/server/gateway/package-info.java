/**
 * Wiring: the one place where concrete modules meet. {@link dev.bulwark.server.gateway.Gateway} builds identity,
 * policy, audit, connectors and the pipeline from the configuration and serves them over HTTP.
 */
package dev.bulwark.server.gateway;
